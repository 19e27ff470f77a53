package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.redis.MetadataGeneration;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.PlainThreads;
import org.openwrt.asu.testing.SyncedUpstream;

/**
 * Rendered answers: stored bytes, bounded per node, never older than Redis on any node; and every
 * metadata document of the miniature upstream, served from its rendered copy, is byte for byte
 * what computing it afresh gives (written the way JAX-RS writes a JSON value).
 */
class RenderedAnswersTest {

    private static final String HASH = "c".repeat(64);
    private static final JsonObject REQUEST = Json.createObjectBuilder().add("version", "24.10.2").build();

    static final List<Branch> BRANCHES = MiniatureBranches.trusting(List.of());

    static SyncedUpstream synced;
    static MetadataDocuments documents;
    static UpstreamMetadata syncedMetadata;
    private RedisKeys keys;
    private MetadataStore metadata;
    private BuildStore builds;
    private final List<MetadataGeneration> generations = new ArrayList<>();

    @BeforeAll
    static void sync() throws Exception {
        synced = SyncedUpstream.start(BRANCHES);
        Branches branches = Branches.of(BRANCHES);
        syncedMetadata = new UpstreamMetadata(synced.store(), branches);
        documents = new MetadataDocuments(syncedMetadata, branches, synced.upstream().url().toString(), "0.1.0", "asu@localhost",
                BuildPolicy.of(false, new BuildLimits(20480, 1024), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        synced.close();
    }

    /** Tests that write to Redis do so under their own prefix, apart from the synced metadata. */
    @BeforeEach
    void freshPrefix() {
        keys = new RedisKeys("rendered-test-" + System.nanoTime() + ":");
        metadata = new MetadataStore(synced.redis(), keys);
        builds = new BuildStore(synced.redis(), keys);
    }

    @AfterEach
    void stopGenerations() {
        generations.forEach(MetadataGeneration::stop);
    }

    /** One node's view of the generation under {@code keys}. */
    private MetadataGeneration generation(RedisKeys keys) {
        MetadataGeneration generation = new MetadataGeneration(synced.redis(), keys, PlainThreads.DAEMONS, Duration.ofSeconds(2));
        generations.add(generation);
        return generation;
    }

    @Test
    void aRenderedAnswerIsTheDocumentsBytesWithItsTagAndAGzipCopy() throws IOException {
        JsonObject document = Json.createObjectBuilder().add("latest", Json.createArrayBuilder().add("24.10.2")).build();
        RenderedJson rendered = RenderedJson.of(document);
        assertEquals(document.toString(), new String(rendered.body(), StandardCharsets.UTF_8));
        assertEquals(32, rendered.etag().length());
        try (var gunzip = new GZIPInputStream(new ByteArrayInputStream(rendered.gzipped()))) {
            assertArrayEquals(rendered.body(), gunzip.readAllBytes());
        }
    }

    @Test
    void metadataWrittenByAnotherNodeIsRenderedAgainOnEveryNode() throws InterruptedException {
        RenderedMetadata nodeA = new RenderedMetadata(generation(keys), new AnswerCache(1 << 20));
        RenderedMetadata nodeB = new RenderedMetadata(generation(keys), new AnswerCache(1 << 20));
        AtomicInteger renders = new AtomicInteger();
        Supplier<Optional<? extends JsonStructure>> latest = () -> {
            renders.incrementAndGet();
            return Optional.of(metadata.versions().toJson());
        };

        String before = text(nodeA.document("latest", latest));
        assertEquals(before, text(nodeA.document("latest", latest)));
        assertEquals(1, renders.get(), "rendered once while nothing changed");

        // node B stores a sync: node A's next read renders the new metadata
        new MetadataStore(synced.redis(), keys).keepVersions(VersionCatalog.of(
                Json.createObjectBuilder().add("stable_version", "24.10.2").add("versions_list", Json.createArrayBuilder().add("24.10.2")).build(),
                List.of()));
        String after = awaitChanged(before, () -> text(nodeA.document("latest", latest)));
        assertEquals(2, renders.get());
        assertEquals(metadata.versions().toJson().toString(), after);
        assertEquals(after, text(nodeB.document("latest", latest)));
    }

    @Test
    void aMissingDocumentIsNotKept() {
        RenderedMetadata node = new RenderedMetadata(generation(keys), new AnswerCache(1 << 20));
        AtomicInteger renders = new AtomicInteger();
        node.document("profile", () -> { renders.incrementAndGet(); return Optional.empty(); });
        node.document("profile", () -> { renders.incrementAndGet(); return Optional.empty(); });
        assertEquals(2, renders.get());
    }

    @Test
    void onlyASuccessfulBuildIsKeptAndOnlyUntilItsResultExpires() {
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now);
        FinishedBuildAnswers answers = new FinishedBuildAnswers(builds, new AnswerCache(1 << 20, clock));
        JsonObject answer = Json.createObjectBuilder().add("status", 202).build();

        builds.enqueue(HASH, REQUEST, now);
        answers.render(FinishedBuildAnswers.Shape.V1, builds.find(HASH).orElseThrow(), answer);
        assertTrue(answers.find(FinishedBuildAnswers.Shape.V1, HASH).isEmpty(), "a queued build is never kept");

        builds.start(HASH, "node-b");
        builds.finish(HASH, BuildStatus.DONE, Json.createObjectBuilder().build(), Duration.ofMinutes(10));
        answers.render(FinishedBuildAnswers.Shape.V1, builds.find(HASH).orElseThrow(), answer);
        assertTrue(answers.find(FinishedBuildAnswers.Shape.V1, HASH).isPresent());
        assertTrue(answers.find(FinishedBuildAnswers.Shape.LEGACY, HASH).isEmpty(), "each API shape on its own");

        clock.now = Instant.now().plus(Duration.ofMinutes(11)); // the build's key expires in Redis after 10
        assertFalse(answers.find(FinishedBuildAnswers.Shape.V1, HASH).isPresent());
    }

    @Test
    void theCacheKeepsItsSizeByDroppingTheLeastRecentlyRead() {
        RenderedJson answer = RenderedJson.of(Json.createObjectBuilder().add("x", "y".repeat(1000)).build());
        AnswerCache cache = new AnswerCache(3 * answer.size());
        cache.put("a", answer, Instant.MAX);
        cache.put("b", answer, Instant.MAX);
        cache.put("c", answer, Instant.MAX);
        cache.get("a");
        cache.put("d", answer, Instant.MAX);
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("b").isEmpty());
        assertTrue(cache.get("c").isPresent() && cache.get("d").isPresent());
        assertEquals(3 * answer.size(), cache.bytes());
    }

    @Test
    void everyDocumentIsServedAsComputingItAfreshWouldWriteIt() throws IOException {
        RenderedMetadata rendered = new RenderedMetadata(generation(SyncedUpstream.KEYS), new AnswerCache(64 << 20));
        Map<String, Supplier<Optional<? extends JsonStructure>>> all = everyDocument();
        for (int read = 0; read < 2; read++) { // the first read renders, the second is the stored copy
            for (var document : all.entrySet()) {
                byte[] fresh = written(document.getValue().get().orElseThrow());
                RenderedJson answer = rendered.document(document.getKey(), document.getValue()).orElseThrow();
                assertArrayEquals(fresh, answer.body(), document.getKey());
                try (var gunzip = new GZIPInputStream(new ByteArrayInputStream(answer.gzipped()))) {
                    assertArrayEquals(fresh, gunzip.readAllBytes(), document.getKey() + " (gzip)");
                }
            }
        }
        assertTrue(all.size() > 1000, all.size() + " documents");
    }

    /** Every /json/v1 document and the 2021 branches and latest, by their paths. */
    private static Map<String, Supplier<Optional<? extends JsonStructure>>> everyDocument() {
        Map<String, Supplier<Optional<? extends JsonStructure>>> all = new LinkedHashMap<>();
        all.put("overview.json", () -> Optional.of(documents.overview()));
        all.put("branches.json", () -> Optional.of(documents.branchList().build()));
        all.put("latest.json", () -> Optional.of(documents.latest()));
        all.put("api/branches", () -> Optional.of(documents.legacyBranches()));
        all.put("api/latest", () -> Optional.of(documents.legacyLatest()));
        List<String> archs = new ArrayList<>();
        for (String version : syncedMetadata.versions().versions()) {
            Optional<String> path = syncedMetadata.pathOf(version);
            if (path.isEmpty()) {
                continue;
            }
            syncedMetadata.targets(version).forEach((target, arch) -> {
                String at = path.get() + "/targets/" + target;
                if (documents.targetIndex(path.get(), target).isPresent()) {
                    all.put(at + "/index.json", () -> documents.targetIndex(path.get(), target));
                }
                syncedMetadata.profiles(version, target).ifPresent(profiles -> profiles.getJsonObject("profiles").keySet()
                        .forEach(profile -> all.put(at + "/" + profile + ".json", () -> documents.profile(path.get(), target, profile))));
                if (documents.feedIndex(path.get(), arch).isPresent()) {
                    all.put(path.get() + "/packages/" + arch + "-index.json", () -> documents.feedIndex(path.get(), arch));
                    archs.add(arch);
                }
            });
        }
        assertTrue(!archs.isEmpty(), "feed indexes synced");
        return all;
    }

    private static byte[] written(JsonStructure document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = Json.createWriter(out)) {
            writer.write(document);
        }
        return out.toByteArray();
    }

    /** The node hears of a write on the channel, a moment after it. */
    private static String awaitChanged(String before, Supplier<String> read) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String now = read.get();
        while (now.equals(before) && System.nanoTime() < until) {
            Thread.sleep(20);
            now = read.get();
        }
        return now;
    }

    private static String text(Optional<RenderedJson> rendered) {
        return new String(rendered.orElseThrow().body(), StandardCharsets.UTF_8);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.testing.LocalRedis;
import redis.clients.jedis.RedisClient;

/** Rendered answers: stored bytes, bounded per node, and never older than Redis on any node. */
class RenderedAnswersTest {

    private static final String HASH = "c".repeat(64);
    private static final JsonObject REQUEST = Json.createObjectBuilder().add("version", "24.10.2").build();

    private static LocalRedis server;
    private static RedisClient redis;
    private RedisKeys keys;
    private MetadataStore metadata;
    private BuildStore builds;

    @BeforeAll
    static void startRedis() throws Exception {
        server = LocalRedis.start();
        redis = server.client();
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        redis.close();
        server.close();
    }

    @BeforeEach
    void freshPrefix() {
        keys = new RedisKeys("rendered-test-" + System.nanoTime() + ":");
        metadata = new MetadataStore(redis, keys);
        builds = new BuildStore(redis, keys);
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
    void metadataWrittenByAnotherNodeIsRenderedAgainOnEveryNode() {
        RenderedMetadata nodeA = new RenderedMetadata(metadata, new AnswerCache(1 << 20));
        RenderedMetadata nodeB = new RenderedMetadata(new MetadataStore(redis, keys), new AnswerCache(1 << 20));
        AtomicInteger renders = new AtomicInteger();
        Supplier<Optional<? extends JsonStructure>> latest = () -> {
            renders.incrementAndGet();
            return Optional.of(metadata.versions().toJson());
        };

        String before = text(nodeA.document("latest", latest));
        assertEquals(before, text(nodeA.document("latest", latest)));
        assertEquals(1, renders.get(), "rendered once while nothing changed");

        // node B stores a sync: node A's next read renders the new metadata
        new MetadataStore(redis, keys).keepVersions(VersionCatalog.of(
                Json.createObjectBuilder().add("stable_version", "24.10.2").add("versions_list", Json.createArrayBuilder().add("24.10.2")).build(),
                List.of()));
        String after = text(nodeA.document("latest", latest));
        assertEquals(2, renders.get());
        assertEquals(metadata.versions().toJson().toString(), after);
        assertEquals(after, text(nodeB.document("latest", latest)));
    }

    @Test
    void aMissingDocumentIsNotKept() {
        RenderedMetadata node = new RenderedMetadata(metadata, new AnswerCache(1 << 20));
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

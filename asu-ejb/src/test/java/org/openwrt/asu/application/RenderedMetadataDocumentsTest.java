package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.SyncedUpstream;

/**
 * Every metadata document of the miniature upstream, served from its rendered copy, is byte for
 * byte what computing it afresh gives (written the way JAX-RS writes a JSON value), and its gzip
 * copy inflates to the same bytes.
 */
class RenderedMetadataDocumentsTest {

    static final List<Branch> BRANCHES = MiniatureBranches.trusting(List.of());

    static SyncedUpstream synced;
    static MetadataStore store;
    static UpstreamMetadata metadata;
    static MetadataDocuments documents;

    @BeforeAll
    static void sync() throws Exception {
        synced = SyncedUpstream.start(BRANCHES);
        store = synced.store();
        Branches branches = Branches.of(BRANCHES);
        metadata = new UpstreamMetadata(store, branches);
        documents = new MetadataDocuments(metadata, branches, synced.upstream().url().toString(), "0.1.0", "asu@localhost",
                BuildPolicy.of(false, new BuildLimits(20480, 1024), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        synced.close();
    }

    @Test
    void everyDocumentIsServedAsComputingItAfreshWouldWriteIt() throws IOException {
        RenderedMetadata rendered = new RenderedMetadata(store, new AnswerCache(64 << 20));
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
        for (String version : metadata.versions().versions()) {
            Optional<String> path = metadata.pathOf(version);
            if (path.isEmpty()) {
                continue;
            }
            metadata.targets(version).forEach((target, arch) -> {
                String at = path.get() + "/targets/" + target;
                if (documents.targetIndex(path.get(), target).isPresent()) {
                    all.put(at + "/index.json", () -> documents.targetIndex(path.get(), target));
                }
                metadata.profiles(version, target).ifPresent(profiles -> profiles.getJsonObject("profiles").keySet()
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
}

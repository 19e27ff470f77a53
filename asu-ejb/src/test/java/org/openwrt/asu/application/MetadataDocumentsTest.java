package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.janitor.MetadataSync;
import org.openwrt.asu.testing.RedisPerClass;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.PlainThreads;
import org.openwrt.asu.upstream.MiniUpstream;
import org.openwrt.asu.upstream.UpstreamTree;
import redis.clients.jedis.RedisClient;

/**
 * The branch documents after a real sync of the miniature upstream (24.10.2, 24.10-SNAPSHOT,
 * 23.05.4, SNAPSHOT; no 23.05-SNAPSHOT) into a real Redis, with 22.03 configured too, of which
 * upstream publishes nothing: only what the janitor has read is offered.
 */
class MetadataDocumentsTest {

    static final List<Branch> BRANCHES = withUnpublishedBranch();

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    static RedisClient redis;
    static MiniUpstream upstream;

    @BeforeAll
    static void start() throws Exception {
        redis = REDIS.client();
        Path tree = Path.of("target", "miniature-upstream");
        UpstreamTree.generateIfMissing(tree);
        upstream = MiniUpstream.start(tree, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void branchesListTheirPublishedVersionsAndLeaveOutWhatUpstreamLacks() {
        JsonObject branches = documentsAfterSync("all:", 3).overview().getJsonObject("branches");

        assertEquals(List.of("SNAPSHOT", "24.10", "23.05"), List.copyOf(branches.keySet()));
        assertEquals(List.of("24.10.2", "24.10-SNAPSHOT"), versions(branches, "24.10"));
        assertEquals(List.of("23.05.4"), versions(branches, "23.05"));
        assertFalse(branches.getJsonObject("23.05").getJsonObject("targets").isEmpty());
    }

    @Test
    void aBranchSnapshotIsSyncedAndListedBeyondTheNewestReleases() {
        MetadataDocuments documents = documentsAfterSync("snapshots-only:", 0);
        JsonObject branches = documents.overview().getJsonObject("branches");

        assertEquals(List.of("SNAPSHOT", "24.10"), List.copyOf(branches.keySet()), "no 23.05 release is synced");
        assertEquals(List.of("24.10-SNAPSHOT"), versions(branches, "24.10"), "24.10.2 is published, but its targets were not read");
        assertEquals(List.of("SNAPSHOT", "24.10-SNAPSHOT"), documents.legacyLatest().getJsonArray("latest")
                .getValuesAs(JsonString::getString));
        assertEquals(documents.legacyBranches().keySet(), branches.keySet());
    }

    private static MetadataDocuments documentsAfterSync(String prefix, int versionsPerBranch) {
        MetadataStore store = new MetadataStore(redis, new RedisKeys(prefix));
        new MetadataSync(new UpstreamClient(upstream.url().toString(), Duration.ofSeconds(2), Duration.ofSeconds(10)), store,
                BRANCHES, PlainThreads.DAEMONS, 8, versionsPerBranch, Duration.ofMinutes(1))
                .run().orElseThrow();
        Branches branches = Branches.of(BRANCHES);
        return new MetadataDocuments(new UpstreamMetadata(store, branches), branches, upstream.url().toString(), "test",
                "test@localhost", BuildPolicy.of(false, new BuildLimits(20480, 1024), List.of()));
    }

    private static List<String> versions(JsonObject branches, String name) {
        return branches.getJsonObject(name).getJsonArray("versions").getValuesAs(JsonString::getString);
    }

    private static List<Branch> withUnpublishedBranch() {
        List<Branch> branches = new ArrayList<>(MiniatureBranches.trusting(List.of()));
        branches.add(new Branch("22.03", "releases/{version}", true, false, 19160, List.of()));
        return branches;
    }
}

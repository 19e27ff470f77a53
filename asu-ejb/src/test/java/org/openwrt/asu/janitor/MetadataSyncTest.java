package org.openwrt.asu.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.Durations;
import org.openwrt.asu.domain.SyncReport;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.testing.LocalRedis;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.PlainThreads;
import org.openwrt.asu.upstream.MiniUpstream;
import org.openwrt.asu.upstream.UpstreamTree;
import redis.clients.jedis.RedisClient;

/** The janitor's sync against the miniature upstream over HTTP, into a real Redis. Tests run in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataSyncTest {

    static final List<Branch> BRANCHES = MiniatureBranches.trusting(List.of());

    /** The tree's public key is written beside it: both inside the temporary directory. */
    @TempDir
    static Path scratch;
    static Path tree;

    static LocalRedis redisServer;
    static RedisClient redis;
    static MiniUpstream upstream;
    static MetadataStore store;

    @BeforeAll
    static void start() throws Exception {
        redisServer = LocalRedis.start();
        redis = redisServer.client();
        tree = UpstreamTree.generateIfMissing(scratch.resolve("upstream"));
        upstream = MiniUpstream.start(tree, 0);
        store = new MetadataStore(redis, new RedisKeys("test:"));
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        redis.close();
        redisServer.close();
    }

    @BeforeEach
    @AfterEach
    void normalUpstream() {
        upstream.serveNormally();
        upstream.clearRequests();
    }

    static MetadataSync sync(String timeout) {
        return new MetadataSync(new UpstreamClient(upstream.url().toString(), Duration.ofSeconds(2), Durations.parse(timeout)), store, BRANCHES,
                PlainThreads.DAEMONS, 8, 3, Duration.ofMinutes(1));
    }

    @Test
    @Order(1)
    void fullSyncFillsRedis() {
        SyncReport report = sync("10s").run().orElseThrow();
        System.out.printf("full sync: %d ms, %d requests, %d not modified%n",
                report.duration().toMillis(), report.requests(), report.notModified());

        assertEquals(List.of(), report.errors());
        assertEquals(List.of("24.10.2", "23.05.4"), store.versions().latest());
        assertEquals(List.of("SNAPSHOT", "24.10.2", "24.10-SNAPSHOT", "23.05.4"), store.versions().versions(),
                "23.05-SNAPSHOT is configured but not published");
        Map<String, String> names = store.profileNames("23.05.4", "ath79/generic");
        assertEquals(349, store.fileAsJson("/releases/23.05.4/targets/ath79/generic/profiles.json").orElseThrow()
                .getJsonObject("profiles").size());
        assertTrue(names.size() > 349, "supported_devices are names too");
        assertEquals("tplink_archer-c7-v5", names.get("tplink_archer-c7-v5"));
        assertEquals("8dev_carambola2", names.get("8dev_carambola2"));
        assertEquals("mips_24kc", store.targetPackages("24.10.2", "ath79/generic").orElseThrow().architecture());
        assertTrue(store.targetPackages("24.10.2", "ath79/generic").orElseThrow().packages().containsKey("kmod-ath9k"),
                "kmods merged in after the kmods split");
        assertTrue(store.targetPackages("SNAPSHOT", "x86/64").orElseThrow().packages().containsKey("base-files"));
        assertTrue(store.feedPackages("24.10.2", "mips_24kc").orElseThrow().packages().containsKey("luci"));
        assertTrue(store.feedPackages("SNAPSHOT", "mips_24kc").orElseThrow().packages().containsKey("luci"));
        assertTrue(store.feedPackages("23.05.4", "mips_24kc").orElseThrow().packages().containsKey("jansson"),
                "opkg names lose their ABI suffix");
        assertTrue(store.syncStatus().containsKey("last_success"));
    }

    @Test
    @Order(2)
    void syncWithoutChangesMakesOnlyConditionalRequests() {
        SyncReport report = sync("10s").run().orElseThrow();
        System.out.printf("no-change sync: %d ms, %d requests, %d not modified%n",
                report.duration().toMillis(), report.requests(), report.notModified());

        List<MiniUpstream.Request> requests = upstream.requests();
        assertFalse(requests.isEmpty());
        List<MiniUpstream.Request> unconditional = requests.stream()
                .filter(request -> !request.conditional() && request.status() != 404).toList();
        assertEquals(List.of(), unconditional);
        assertTrue(requests.stream().filter(request -> request.status() != 404).allMatch(MiniUpstream.Request::notModified));
        assertEquals(report.notModified(), (int) requests.stream().filter(MiniUpstream.Request::notModified).count());
    }

    @Test
    @Order(3)
    void changedProfilesArePickedUp() throws Exception {
        Path profiles = tree.resolve("releases/24.10.2/targets/x86/64/profiles.json");
        String original = Files.readString(profiles);
        try {
            Files.writeString(profiles, original.replace("\"supported_devices\":[]", "\"supported_devices\":[\"acme,router\"]")
                    .replace("\"supported_devices\": []", "\"supported_devices\": [\"acme,router\"]"), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(profiles, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));

            sync("10s").run().orElseThrow();

            assertEquals("generic", store.profileNames("24.10.2", "x86/64").get("acme_router"));
        } finally {
            Files.writeString(profiles, original, StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(4)
    void upstreamFailureKeepsTheData() {
        Map<String, String> before = store.profileNames("24.10.2", "ath79/generic");
        upstream.failRequests(500);

        SyncReport report = sync("10s").run().orElseThrow();

        assertFalse(report.errors().isEmpty());
        assertEquals(before, store.profileNames("24.10.2", "ath79/generic"));
        assertEquals(List.of("24.10.2", "23.05.4"), store.versions().latest());
        assertTrue(store.feedPackages("24.10.2", "mips_24kc").isPresent());
    }

    @Test
    @Order(5)
    void aFailingFileKeepsItsLastGoodCopy() {
        Map<String, String> before = store.profileNames("23.05.4", "ath79/generic");
        upstream.failRequests(500, "/releases/23.05.4/targets/ath79");

        SyncReport report = sync("10s").run().orElseThrow();

        assertTrue(report.errors().stream().anyMatch(error -> error.contains("HTTP 500")), report.errors().toString());
        assertEquals(before, store.profileNames("23.05.4", "ath79/generic"));
        assertTrue(store.targetPackages("23.05.4", "ath79/generic").isPresent());
    }

    @Test
    @Order(6)
    void aHangingUpstreamTimesOutAndKeepsTheData() {
        upstream.hangRequests("/snapshots/targets/x86");

        SyncReport report = sync("1s").run().orElseThrow();

        assertTrue(report.errors().stream().anyMatch(error -> error.contains("/snapshots/targets/x86")), report.errors().toString());
        assertEquals("generic", store.profileNames("SNAPSHOT", "x86/64").get("generic"));
        assertTrue(store.targetPackages("SNAPSHOT", "x86/64").isPresent());
    }

    @Test
    @Order(7)
    void onlyOneNodeSyncsAtATime() {
        assertTrue(store.lockSync("other-node", Duration.ofMinutes(1)));
        try {
            assertTrue(sync("10s").run().isEmpty());
            assertTrue(upstream.requests("/.versions.json").isEmpty());
        } finally {
            store.unlockSync("other-node");
        }
    }

    @Test
    @Order(8)
    void theLockIsALeaseRenewedWhileThePassRunsAndGoneAfterIt() throws Exception {
        Duration lease = Duration.ofMillis(300);
        MetadataSync sync = new MetadataSync(new UpstreamClient(upstream.url().toString(), Duration.ofSeconds(2), Duration.ofSeconds(5)), store,
                BRANCHES, PlainThreads.DAEMONS, 8, 3, lease);
        upstream.hangRequests("/snapshots/targets/x86");
        CompletableFuture<Optional<SyncReport>> pass = CompletableFuture.supplyAsync(sync::run);
        Thread.sleep(lease.toMillis() * 4);

        assertTrue(store.syncRunning(), "still held after four lease times: renewed");
        assertFalse(pass.isDone());
        assertFalse(sync("10s").run().isPresent(), "another node does not sync meanwhile");
        upstream.serveNormally();
        assertTrue(pass.get(30, TimeUnit.SECONDS).isPresent());
        assertFalse(store.syncRunning(), "released at the end");
    }

    @Test
    @Order(9)
    void aLockWhoseHolderDiedExpiresAfterOneLease() throws Exception {
        assertTrue(store.lockSync("dead-node", Duration.ofMillis(200)));
        assertTrue(sync("10s").run().isEmpty());
        Thread.sleep(400);
        assertTrue(sync("10s").run().isPresent());
    }

    @Test
    @Order(10)
    void aVersionWhoseTargetsUpstreamNoLongerServesLeavesTheCatalogue() {
        upstream.failRequests(404, "/releases/24.10-SNAPSHOT/");
        assertEquals(List.of(), sync("10s").run().orElseThrow().errors(), "a 404 is an answer, not an error");
        assertFalse(store.versions().versions().contains("24.10-SNAPSHOT"));
        assertTrue(store.file("/releases/24.10-SNAPSHOT/.targets.json").isEmpty(), "its copy is dropped");

        upstream.serveNormally();
        sync("10s").run().orElseThrow();
        assertTrue(store.versions().versions().contains("24.10-SNAPSHOT"));
    }
}

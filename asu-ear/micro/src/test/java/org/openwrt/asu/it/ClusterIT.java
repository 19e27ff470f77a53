package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The cluster of {@code misc/cluster up --demo}, driven only through its web node: twenty builds
 * spread over both builder nodes; a builder killed with SIGKILL mid-build, the primary broker
 * killed while builds wait, and at last the Redis master killed, and still every build completes
 * once, its images download from the web node with their checksums, and the API recovers from
 * each failure without a restart.
 */
class ClusterIT {

    private static final List<String> PACKAGES = List.of("vim", "tmux", "curl", "luci", "owut");
    private static final int BUILDS = 20;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Test
    void buildsSpreadOverTheBuildersAndNoneIsLostWhenABuilderTheBrokerOrTheRedisMasterIsKilled() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "cluster");
        ServerProcess.freshDirectory(dir);
        Path config = Files.writeString(dir.resolve("cluster.properties"), String.join("\n",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=2",
                "asu.node.heartbeat-interval=2s", ""));
        try (Cluster cluster = Cluster.up(dir.resolve("data"), config)) {
            AsuClient asu = new AsuClient(cluster.web());
            AsuClient admin = asu.loggedIn("admin", cluster.adminPassword());
            asu.awaitFirstSync();
            List<String> hashes = new ArrayList<>();
            for (int selection = 1; selection <= BUILDS; selection++) {
                hashes.add(acceptedOnceAvailable(asu, request(packages(selection))));
            }
            RunningBuilds running = new RunningBuilds(admin);

            // a build builder-1 began less than a second ago: it cannot have finished (IB_BUILD_SECONDS=2) when killed
            running.await(() -> running.seenOn("builder-2") && running.startedRecentlyOn("builder-1").isPresent());
            String killedMidBuild = running.startedRecentlyOn("builder-1").orElseThrow();
            cluster.killNode("builder-1");
            assertEquals("started", AsuClient.json(asu.get("/api/v1/build/" + killedMidBuild)).getString("detail"));

            assertTrue(queue(admin).getInt("waiting") > 0, "builds wait as the primary broker is killed: " + queue(admin));
            cluster.killPrimaryBroker();
            hashes.add(acceptedOnceAvailable(asu, request(List.of("nano"))));

            // done from here on means built by builder-2, the only builder left, for the build builder-1 died in too
            running.await(() -> hashes.stream().allMatch(hash -> finished(asu, hash)));
            for (String hash : hashes) {
                JsonObject build = AsuClient.json(asu.get("/api/v1/build/" + hash));
                assertEquals("done", build.getString("detail"), build.toString());
                assertImagesDownloadFromTheWebNode(asu, build);
            }
            assertEquals(Set.of("builder-1", "builder-2"), running.allNodes(), "the builds spread over both builders");
            assertEquals(BUILDS + 1, AsuClient.json(asu.get("/api/v1/stats/summary")).getInt("builds_24h"),
                    "each build succeeded once: none lost, none built twice");
            assertEquals(0, queue(admin).getInt("messages"), "the backup's queue is drained: " + queue(admin));
            assertEquals(Map.of("web", "alive", "builder-1", "stale", "builder-2", "alive"), nodeStates(admin));

            cluster.killRedisMaster();
            String afterFailover = acceptedOnceAvailable(asu, request(List.of("nano", "vim")));
            HttpResponse<String> built = asu.awaitFinished(afterFailover, PATIENCE);
            assertEquals("done", AsuClient.json(built).getString("detail"), built.body());
            HttpResponse<String> earlier = asu.get("/api/v1/build/" + hashes.get(0));
            assertEquals(200, earlier.statusCode(), "the promoted replica has the builds: " + earlier.body());
        }
    }

    /** The packages of one nonempty selection (a bit mask) of {@link #PACKAGES}. */
    private static List<String> packages(int selection) {
        return IntStream.range(0, PACKAGES.size()).filter(bit -> (selection & 1 << bit) != 0).mapToObj(PACKAGES::get).toList();
    }

    private static String request(List<String> packages) {
        return "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":["
                + packages.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(",")) + "]}";
    }

    /**
     * Sends a build request until it is accepted: while the broker or Redis fails over, the only
     * other answer allowed is a JSON 503, for a minute at most.
     */
    private static String acceptedOnceAvailable(AsuClient asu, String request) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> answer = asu.postJson("/api/v1/build", request);
        while (answer.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            assertEquals(503, AsuClient.json(answer).getInt("status"), answer.body());
            Thread.sleep(500);
            answer = asu.postJson("/api/v1/build", request);
        }
        assertEquals(202, answer.statusCode(), answer.body());
        return AsuClient.json(answer).getString("request_hash");
    }

    private static boolean finished(AsuClient asu, String hash) {
        return asu.get("/api/v1/build/" + hash).statusCode() != 202;
    }

    /** Each image through {@code /store/…} of the web node: a redirect to the shared store, which serves the bytes the build's checksum names. */
    private static void assertImagesDownloadFromTheWebNode(AsuClient asu, JsonObject build) {
        for (JsonObject image : build.getJsonArray("images").getValuesAs(JsonObject.class)) {
            byte[] bytes = asu.downloadRedirected("/store/" + build.getString("bin_dir") + "/" + image.getString("name"));
            assertEquals(image.getString("sha256"), AsuClient.sha256(bytes), image.getString("name"));
        }
    }

    private static JsonObject queue(AsuClient admin) {
        return AsuClient.json(admin.get("/admin/api/overview")).getJsonObject("build_queue");
    }

    private static Map<String, String> nodeStates(AsuClient admin) {
        Map<String, String> states = new LinkedHashMap<>();
        AsuClient.json(admin.get("/admin/api/nodes")).getJsonArray("nodes").getValuesAs(JsonObject.class)
                .forEach(node -> states.put(node.getString("node"), node.getString("state")));
        return states;
    }

    /** The running builds of the admin console's overview, and on which nodes each was seen running. */
    private static final class RunningBuilds {

        private final AsuClient admin;
        private final Map<String, Set<String>> nodesByHash = new LinkedHashMap<>();
        private Map<String, Map<String, Instant>> startedByNode = Map.of();

        RunningBuilds(AsuClient admin) {
            this.admin = admin;
        }

        /** Looks at the console every 200 ms until the condition holds. */
        void await(BooleanSupplier condition) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            look();
            while (!condition.getAsBoolean()) {
                assertTrue(Instant.now().isBefore(deadline), "not within " + PATIENCE + "; seen running: " + nodesByHash);
                Thread.sleep(200);
                look();
            }
        }

        /** A build the node runs, as the console showed last, that it began less than a second before. */
        Optional<String> startedRecentlyOn(String node) {
            Instant recently = Instant.now().minusSeconds(1);
            return startedByNode.getOrDefault(node, Map.of()).entrySet().stream()
                    .filter(build -> build.getValue().isAfter(recently)).map(Map.Entry::getKey).findFirst();
        }

        boolean seenOn(String node) {
            return nodesByHash.values().stream().anyMatch(nodes -> nodes.contains(node));
        }

        Set<String> allNodes() {
            return nodesByHash.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        }

        private void look() {
            // the console shows a part it cannot read (the broker failing over) as an error, without builds
            JsonArray builds = AsuClient.json(admin.get("/admin/api/overview")).getJsonObject("running_builds").getJsonArray("builds");
            Map<String, Map<String, Instant>> current = new LinkedHashMap<>();
            for (JsonObject build : builds == null ? List.<JsonObject>of() : builds.getValuesAs(JsonObject.class)) {
                String hash = build.getString("request_hash");
                String node = build.getString("node");
                nodesByHash.computeIfAbsent(hash, ignored -> new HashSet<>()).add(node);
                current.computeIfAbsent(node, ignored -> new LinkedHashMap<>()).put(hash, Instant.parse(build.getString("started_at")));
            }
            startedByNode = current;
        }
    }
}

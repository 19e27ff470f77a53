package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' console on the deployed server: refused without the login (asu-it.properties
 * sets it), and with it, during a burst of 20 queued builds, the broker's counters, the running
 * builds with their stage and node, in the JSON API and on the page in headless Chromium (which
 * also lists this node's heartbeat); then the ImageBuilder cache and the janitor, with their
 * Purge and "Sync now" clicked in the page. What the console showed during the burst is kept in
 * {@code target/admin-console/} (JSON, the rendered page, a screenshot).
 */
@AsuServer.Deployed
class AdminConsoleIT {

    private static final String USER = "admin";
    private static final String PASSWORD = "it-admin-secret";
    private static final int BURST = 20;
    private static final List<String> PACKAGES = List.of("vim", "tmux", "curl", "nano", "htop", "luci", "owut");
    /** In every request of the burst and in no other test's, so no build of another class answers one from the cache. */
    private static final String BURST_MARKER = "openssh-sftp-server";
    private static final Path OUTPUT = Path.of("target", "admin-console");
    private static final String STATUS = "document.getElementById('action-result').textContent";

    private URI base;
    private AsuClient anonymous;
    private AsuClient admin;

    @BeforeEach
    void clients(@AsuServer.Synced AsuClient anonymous, URI base) {
        this.base = base;
        this.anonymous = anonymous;
        admin = anonymous.loggedIn(USER, PASSWORD);
    }

    @Test
    void withoutTheLoginTheConsoleIsRefused() {
        for (String path : List.of("/admin", "/admin/", "/admin/api/overview", "/admin/api/dead-letters",
                "/admin/api/imagebuilders", "/admin/api/no-such-thing")) {
            HttpResponse<String> refused = anonymous.get(path);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("Basic realm=\"ASU admin\", charset=\"UTF-8\"", refused.headers().firstValue("WWW-Authenticate").orElse(""), path);
            assertEquals(401, AsuClient.json(refused).getInt("status"), path);
        }
        HttpResponse<String> wrong = anonymous.loggedIn(USER, "guess").get("/admin/api/overview");
        assertEquals(401, wrong.statusCode());
        assertEquals("Wrong user name or password for the admin console", AsuClient.json(wrong).getString("detail"));
        assertEquals(401, anonymous.loggedIn("root", PASSWORD).get("/admin/api/overview").statusCode());
        assertEquals(401, anonymous.request("POST", "/admin/api/janitor/sync").statusCode());
        assertEquals(401, anonymous.request("DELETE", "/admin/api/imagebuilders").statusCode());

        HttpResponse<String> page = admin.get("/admin");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/static/admin.js"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(200, anonymous.get("/api/v1/stats").statusCode(), "the public API needs no login");
        assertEquals(200, anonymous.loggedIn(USER, "guess").get("/api/v1/stats").statusCode(),
                "a public request carrying a wrong login is not refused");
    }

    @Test
    void actionsNeedTheirHeaderAndNameSomethingThatExists() {
        HttpResponse<String> forged = admin.request("POST", "/admin/api/janitor/sync");
        assertEquals(403, forged.statusCode());
        assertTrue(AsuClient.json(forged).getString("detail").contains("X-Requested-By"), forged.body());
        assertEquals(403, admin.request("DELETE", "/admin/api/imagebuilders").statusCode());

        AsuClient actions = admin.with("X-Requested-By", "it");
        assertEquals(404, actions.request("POST", "/admin/api/dead-letters/999999999/requeue").statusCode());
        assertEquals(404, actions.request("DELETE", "/admin/api/dead-letters/999999999").statusCode());
        assertEquals(404, actions.request("DELETE", "/admin/api/dead-letters/not-a-number").statusCode());
        assertEquals(404, actions.request("DELETE", "/admin/api/imagebuilders/1.0.0/no/target").statusCode());
        assertFalse(admin.get("/admin/api/overview").headers().map().containsKey("access-control-allow-origin"),
                "no other site may read the console");
    }

    @Test
    void aBurstOfTwentyBuildsShowsInTheConsole() throws Exception {
        HeadlessChromium chromium = chromium();
        JsonObject before = overview();
        long addedBefore = before.getJsonObject("build_queue").getJsonNumber("messages_added").longValue();

        List<String> hashes = new ArrayList<>();
        for (String request : burst()) {
            HttpResponse<String> queued = anonymous.postJson("/api/v1/build", request);
            assertEquals(202, queued.statusCode(), queued.body());
            hashes.add(AsuClient.json(queued).getString("request_hash"));
        }
        JsonObject during = overview();
        String page = chromium.dumpDom(adminPage());
        Files.createDirectories(OUTPUT);
        chromium.screenshot(adminPage(), OUTPUT.resolve("admin-during-burst.png").toAbsolutePath());
        Files.writeString(OUTPUT.resolve("overview-during-burst.json"), during.toString());
        Files.writeString(OUTPUT.resolve("admin-during-burst.html"), page);

        JsonObject queue = during.getJsonObject("build_queue");
        assertEquals("asu.builds", queue.getString("name"));
        assertEquals(2, queue.getInt("consumers"), "two builder sessions (asu.builder.slots)");
        assertTrue(queue.getInt("waiting") >= BURST - 6, "most of the burst waits: " + queue);
        assertTrue(queue.getInt("delivering") <= 2, "no session holds more than the build it works on: " + queue);
        assertTrue(queue.getJsonNumber("oldest_message_age_seconds").doubleValue() >= 0, queue.toString());
        List<JsonObject> running = during.getJsonObject("running_builds").getJsonArray("builds").getValuesAs(JsonObject.class);
        assertFalse(running.isEmpty(), during.toString());
        assertTrue(running.size() <= 2, during.toString());
        for (JsonObject build : running) {
            assertTrue(hashes.contains(build.getString("request_hash")), build.toString());
            assertEquals("it-node", build.getString("node"));
            assertTrue(List.of("init", "container_setup", "validate_revision", "validate_manifest", "building_image")
                    .contains(build.getString("stage")), build.toString());
            assertTrue(build.getInt("elapsed_seconds") >= 0);
        }

        RenderedPage rendered = new RenderedPage(page);
        assertEquals("it-node", rendered.require("id=\"node\"").text());
        int shownWaiting = Integer.parseInt(rendered.require("data-field=\"waiting\"").require("class=\"value\"").text());
        assertTrue(shownWaiting >= BURST - 10, "the page shows the waiting builds: " + shownWaiting);
        assertEquals("2", rendered.require("data-field=\"consumers\"").require("class=\"value\"").text());
        assertFalse(rendered.require("id=\"running-table\"").values("data-hash").isEmpty(), "running builds are listed");
        RenderedPage thisNode = rendered.require("id=\"nodes-table\"").require("data-node=\"it-node\"");
        assertEquals("alive", thisNode.require("data-field=\"state\"").text(), "this node's heartbeat is listed: " + thisNode);
        assertEquals("web, builder", thisNode.require("data-field=\"roles\"").text());
        assertTrue(rendered.element("class=\"failed\"").isEmpty(), "no part failed to load:\n" + page);

        for (String hash : hashes) {
            assertEquals(200, anonymous.awaitFinished(hash, Duration.ofMinutes(3)).statusCode(), hash);
        }
        JsonObject after = overview();
        JsonObject drained = after.getJsonObject("build_queue");
        assertEquals(0, drained.getInt("messages"), drained.toString());
        assertTrue(drained.getJsonNumber("messages_added").longValue() >= addedBefore + BURST, drained.toString());
        assertEquals(drained.getJsonNumber("messages_added").longValue(), drained.getJsonNumber("messages_acknowledged").longValue());
        assertEquals(0, after.getJsonObject("running_builds").getJsonArray("builds").size());

        JsonObject metrics = AsuClient.json(anonymous.get("/health/ready"));
        assertEquals("UP", metrics.getString("status"));
        String prometheus = anonymous.get("/metrics").body();
        assertTrue(prometheus.contains("asu_build_queue_depth{mp_scope=\"application\"} 0.0"), "the gauge reads the same broker");
    }

    @Test
    void theImageBuilderCacheListsWhatBuildsUsedAndPurgesIt() throws Exception {
        String request = "{\"version\":\"24.10.2\",\"target\":\"x86/64\",\"profile\":\"generic\",\"packages\":[\"tmux\",\"nano\",\"curl\"]}";
        HttpResponse<String> built = anonymous.postJson("/api/v1/build", request);
        assertTrue(List.of(200, 202).contains(built.statusCode()), built.body());
        assertEquals(200, anonymous.awaitFinished(AsuClient.json(built).getString("request_hash"), Duration.ofMinutes(2)).statusCode());

        JsonObject cache = AsuClient.json(admin.get("/admin/api/imagebuilders"));
        assertEquals("it-node", cache.getString("node"));
        JsonObject x86 = cache.getJsonArray("imagebuilders").getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getString("version").equals("24.10.2") && entry.getString("target").equals("x86/64"))
                .findFirst().orElseGet(() -> fail(cache.toString()));
        assertTrue(x86.getJsonNumber("size_bytes").longValue() > 100_000, x86.toString());
        assertTrue(Instant.parse(x86.getString("refreshed_at")).isAfter(Instant.now().minusSeconds(600)), x86.toString());
        assertTrue(cache.getJsonNumber("total_bytes").longValue() >= x86.getJsonNumber("size_bytes").longValue());

        try (DevToolsPage console = chromium().open(adminPage())) {
            String row = "document.querySelector('tr[data-imagebuilder=\"24.10.2 x86/64\"]')";
            assertTrue(console.await(row + " !== null", Duration.ofSeconds(30)), "the page lists it");
            console.evaluate("window.confirm = () => true; " + row + ".querySelector('button[data-action=purge]').click(); 'clicked'");
            assertTrue(console.await(STATUS + ".startsWith('Purged 1,')", Duration.ofSeconds(30)), console.evaluate(STATUS));
            assertTrue(console.await(row + " === null", Duration.ofSeconds(30)), "the page lists it no more");
        }
        assertTrue(AsuClient.json(admin.get("/admin/api/imagebuilders")).getJsonArray("imagebuilders").getValuesAs(JsonObject.class)
                .stream().noneMatch(entry -> entry.getString("version").equals("24.10.2") && entry.getString("target").equals("x86/64")),
                "gone from the list");
    }

    @Test
    void syncNowRunsAJanitorPass() throws Exception {
        JsonObject before = overview().getJsonObject("janitor");
        assertTrue(before.getJsonNumber("requests").longValue() > 0, before.toString());
        Instant lastAttempt = Instant.parse(before.getString("last_attempt"));

        try (DevToolsPage console = chromium().open(adminPage())) {
            // while a pass runs (this deployment's first, or one whose lock is not yet released) the server says so; click again
            Instant clicking = Instant.now().plusSeconds(60);
            boolean started = false;
            while (!started && Instant.now().isBefore(clicking)) {
                console.evaluate(STATUS + " = ''; document.getElementById('sync-now').click(); 'clicked'");
                assertTrue(console.await(STATUS + " !== ''", Duration.ofSeconds(30)), "no answer shown");
                started = console.evaluate(STATUS).equals("Janitor pass started.");
                assertTrue(started || console.evaluate(STATUS).equals("Failed: A janitor pass is running already (on this node or another)"),
                        console.evaluate(STATUS));
                Thread.sleep(started ? 0 : 1000);
            }
            assertTrue(started, "the janitor never took the click: " + overview());
        }
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject janitor = before;
        while (!Instant.parse(janitor.getString("last_attempt")).isAfter(lastAttempt) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            janitor = overview().getJsonObject("janitor");
        }
        assertTrue(Instant.parse(janitor.getString("last_attempt")).isAfter(lastAttempt), janitor.toString());
        assertTrue(janitor.getJsonNumber("duration_ms").longValue() >= 0);
        assertTrue(janitor.getJsonNumber("changed").longValue() <= janitor.getJsonNumber("requests").longValue(), janitor.toString());
        assertEquals(0, janitor.getJsonArray("errors").size(), janitor.toString());
    }

    /** The console as the operator's browser opens it, the login in the address. */
    private URI adminPage() {
        return URI.create("http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + base.getPort() + "/admin");
    }

    private static HeadlessChromium chromium() {
        return HeadlessChromium.find().orElseGet(() -> fail(
                "AdminConsoleIT needs Chromium: install Debian's chromium or name it with -Dasu.it.chromium=<path>"));
    }

    private JsonObject overview() {
        HttpResponse<String> overview = admin.get("/admin/api/overview");
        assertEquals(200, overview.statusCode(), overview.body());
        return AsuClient.json(overview);
    }

    /** Twenty different requests over two targets: the marker and a pair of extra packages. */
    private static List<String> burst() {
        List<String> requests = new ArrayList<>();
        for (int first = 0; first < PACKAGES.size() && requests.size() < BURST; first++) {
            for (int second = first + 1; second < PACKAGES.size() && requests.size() < BURST; second++) {
                String device = requests.size() % 2 == 0
                        ? "\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\""
                        : "\"target\":\"x86/64\",\"profile\":\"generic\"";
                requests.add("{\"version\":\"24.10.2\"," + device + ",\"packages\":[\"" + BURST_MARKER + "\",\""
                        + PACKAGES.get(first) + "\",\"" + PACKAGES.get(second) + "\"]}");
            }
        }
        return requests;
    }
}

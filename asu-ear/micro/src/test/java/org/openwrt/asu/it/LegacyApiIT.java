package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 2021 build API ({@code /api/build}) against the miniature upstream: the 2021 server's own
 * tests (tests/test_api.py of August 2021) on real device data, its order of checks, plus what it got wrong
 * (array bodies, a string for {@code packages}) answered with a clear 4xx.
 */
@AsuServer.Deployed
class LegacyApiIT {

    private static final String DEVICE = AsuDeployment.ARCHER_C7;

    private AsuClient asu;

    @BeforeEach
    void clientAfterTheJanitorReadThePackageLists(@AsuServer.Synced AsuClient asu) {
        this.asu = asu;
    }

    @Test
    void buildIsQueuedUnderA12HexHashAndBuilt() throws Exception {
        HttpResponse<String> accepted = asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":[\"luci\",\"vim\"]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject queued = AsuClient.json(accepted);
        // a free builder may have taken it already
        assertTrue(Set.of("queued", "started").contains(queued.getString("status")), accepted.body());
        assertEquals("queued".equals(queued.getString("status")), queued.containsKey("queue_position"), accepted.body());
        String hash = queued.getString("request_hash");
        assertTrue(hash.matches("[0-9a-f]{12}"), hash);
        assertEquals("tplink_archer-c7-v5", queued.getJsonObject("request").getString("profile"), "every stage echoes the request");
        assertEquals(accepted.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                accepted.headers().firstValueAsLong("Content-Length").orElse(-1), "sized, not chunked");

        HttpResponse<String> finished = awaitFinished(hash);
        assertEquals(200, finished.statusCode(), finished.body());
        JsonObject done = AsuClient.json(finished);
        assertFalse(done.containsKey("status"), "a 2021 result has no status key");
        assertEquals("tplink_archer-c7-v5", done.getString("id"));
        assertEquals(hash, done.getString("request_hash"));
        assertTrue(done.getJsonObject("manifest").containsKey("vim"), finished.body());
        assertEquals(List.of("luci", "vim"), done.getJsonObject("request").getJsonArray("packages")
                .getValuesAs(jakarta.json.JsonString::getString));
        new RenderedReadsComparison(asu.base()).assertSameAsTheResources("/api/build/" + hash);
    }

    @Test
    void boardNamesAndGenericTargetsAreMapped() {
        HttpResponse<String> board = asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\","
                + "\"profile\":\"tplink,archer-c7-v5\"}");
        assertEquals(202, board.statusCode(), board.body());
        HttpResponse<String> x86 = asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"x86/64\","
                + "\"profile\":\"some_random_cpu_which_doesnt_exists_as_profile\"}");
        assertEquals(202, x86.statusCode(), x86.body());
    }

    @Test
    void validationErrorsUseThe2021CodesAndMessages() {
        assertLegacyError(asu.postJson("/api/build", "{\"target\":\"ath79/generic\",\"profile\":\"x\"}"), 400, "bad_request", "Missing version");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"profile\":\"x\"}"), 400, "bad_request", "Missing target");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\"}"), 400, "bad_request", "Missing profile");
        assertLegacyError(asu.postJson("/api/build", "{" + DEVICE + ",\"distro\":\"Foobar\"}"), 400, "bad_distro", "Unsupported distro: Foobar");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"10.10.10\",\"target\":\"ath79/generic\",\"profile\":\"x\"}"),
                400, "bad_branch", "Unsupported branch: 10.10.10");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.99\",\"target\":\"ath79/generic\",\"profile\":\"x\"}"),
                400, "bad_version", "Unsupported version: 24.10.99");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/nothing\",\"profile\":\"x\"}"),
                400, "bad_target", "Unsupported target: ath79/nothing");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"Foobar\"}"),
                400, "bad_profile", "Unsupported profile: Foobar");
        assertLegacyError(asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":[\"vim\"],\"packages_versions\":{\"vim\":\"1\"}}"),
                400, "duplicate_package_list", "Use either `packages` or `packages_versions`, not both");
    }

    @Test
    void theChecksComeInThe2021ServersOrder() {
        // branch, version, target, profile, and only then the package lists
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"10.10.10\",\"target\":\"ath79/generic\",\"profile\":\"x\","
                + "\"packages\":\"testpackage\"}"), 400, "bad_branch", "Unsupported branch: 10.10.10");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"Foobar\","
                + "\"packages\":[\"vim\"],\"packages_versions\":{\"vim\":\"1\"}}"), 400, "bad_profile", "Unsupported profile: Foobar");
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"Foobar\","
                + "\"packages\":[\"no-such-package\"]}"), 400, "bad_profile", "Unsupported profile: Foobar");
    }

    @Test
    void aVersionOfABranchTheServerDoesNotBuildIsABranchError() {
        // 21.02 is configured (a default) but the miniature upstream has nothing of it
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"21.02.7\",\"target\":\"ath79/generic\",\"profile\":\"x\"}"),
                400, "bad_branch", "Unsupported branch: 21.02.7");
        // 23.05-SNAPSHOT belongs to a built branch, but upstream does not publish it: no known version
        assertLegacyError(asu.postJson("/api/build", "{\"version\":\"23.05-SNAPSHOT\",\"target\":\"ath79/generic\",\"profile\":\"x\"}"),
                400, "bad_version", "Unsupported version: 23.05-SNAPSHOT");
    }

    @Test
    void unknownPackagesAre422BeforeAnythingIsQueued() {
        HttpResponse<String> refused = asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":[\"vim\",\"no-such-package\",\"-ppp\"]}");
        assertLegacyError(refused, 422, "bad_packages", "Unsupported package(s): no-such-package");
        assertEquals("no-such-package", refused.headers().firstValue("X-Unknown-Package").orElseThrow());
        assertEquals(422, asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":\"testpackage\"}").statusCode());
        assertLegacyError(asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":[\"vim\",\"-no-such-package\"]}"),
                422, "bad_packages", "Unsupported package(s): -no-such-package");
        HttpResponse<String> abiSuffixed = asu.postJson("/api/build", "{" + DEVICE + ",\"packages\":[\"jansson4\"]}");
        assertEquals(202, abiSuffixed.statusCode(), abiSuffixed.body());
    }

    @Test
    void malformedBodiesAre400NotServerErrors() {
        assertLegacyError(asu.post("/api/build", "application/json", null), 400, "bad_request", null);
        assertLegacyError(asu.postJson("/api/build", "{}"), 400, "bad_request", null);
        assertLegacyError(asu.postJson("/api/build", "[{\"version\":\"24.10.2\"}]"), 400, "bad_request", null);
        assertLegacyError(asu.postJson("/api/build", "{\"version\": "), 400, "bad_request", null);
    }

    @Test
    void unknownHashIsNotFound() {
        HttpResponse<String> unknown = asu.get("/api/build/testtesttest");
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", AsuClient.json(unknown).getString("status"));
        assertEquals(405, asu.postJson("/api/build/0222f0cd9290", "{}").statusCode());
    }

    private HttpResponse<String> awaitFinished(String hash) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        HttpResponse<String> response = asu.get("/api/build/" + hash);
        while (response.statusCode() == 202 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = asu.get("/api/build/" + hash);
        }
        return response;
    }

    private static void assertLegacyError(HttpResponse<String> response, int httpStatus, String status, String message) {
        assertEquals(httpStatus, response.statusCode(), response.body());
        JsonObject body = AsuClient.json(response);
        assertEquals(status, body.getString("status"), response.body());
        if (message != null) {
            assertEquals(message, body.getString("message"), response.body());
        } else {
            assertFalse(body.getString("message").isBlank(), response.body());
        }
    }
}

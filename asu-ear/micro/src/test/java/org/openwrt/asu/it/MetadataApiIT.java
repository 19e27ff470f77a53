package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.RedisClient;

/**
 * The metadata API on the packaged WAR, after the janitor's first sync from the miniature
 * upstream Maven serves: every endpoint's documented shape for the real data, caching headers,
 * the redirects, the metadata conversation of each real client (Firmware Selector, LuCI, auc,
 * owut) and build requests validated against the synced data.
 */
@AsuServer.Deployed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadataApiIT {

    private static final String RELEASE = "24.10.2";
    private static final String PATH = "releases/" + RELEASE;
    private static final String DEVICE = "tplink_archer-c7-v5";
    private static final int REDIS_PORT = Integer.getInteger("asu.it.redis.port");
    private static final String UPSTREAM = "http://127.0.0.1:" + Integer.getInteger("asu.it.upstream.port");

    /** Never follows redirects: the tests look at them. HTTP/1.1 as the clients speak it (no h2c upgrade). */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    /** Follows them, as browsers and uclient do. */
    private final HttpClient following = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL).build();
    private URI base;

    @BeforeEach
    void awaitFirstSync(URI base) throws InterruptedException {
        this.base = base;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            // overview.json shows targets as soon as .targets.json is in; the pass is over when it says so
            HttpResponse<String> overview = get("/json/v1/overview.json");
            if (overview.statusCode() == 200 && firstSyncDone()) {
                JsonObject branches = json(overview).getJsonObject("branches");
                // branches the miniature upstream has no release of (25.12, 22.03, …) never get targets
                if (List.of("SNAPSHOT", "24.10", "23.05").stream().allMatch(name -> branches.containsKey(name)
                        && !branches.getJsonObject(name).getJsonObject("targets").isEmpty())) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        fail("the janitor did not sync within 90 s: " + get("/json/v1/overview.json").body());
    }

    // --- every endpoint's shape -----------------------------------------------------------

    @Test
    @Order(1)
    void overviewDescribesBranchesUpstreamAndServer() {
        HttpResponse<String> answer = get("/json/v1/overview.json");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject overview = json(answer);

        assertEquals(List.of("24.10.2", "23.05.4"), strings(overview.getJsonArray("latest")));
        assertEquals(UPSTREAM, overview.getString("upstream_url"));
        JsonObject branches = overview.getJsonObject("branches");
        // 25.12, 22.03 and 21.02 are configured, but upstream publishes nothing of them
        assertEquals(List.of("SNAPSHOT", "24.10", "23.05"), List.copyOf(branches.keySet()));
        for (Map.Entry<String, JsonValue> entry : branches.entrySet()) {
            JsonObject branch = entry.getValue().asJsonObject();
            assertEquals(entry.getKey(), branch.getString("name"));
            assertType(branch, "enabled", ValueType.TRUE);
            assertType(branch, "path", ValueType.STRING);
            assertType(branch, "path_packages", ValueType.STRING);
            assertType(branch, "package_changes", ValueType.ARRAY);
            assertType(branch, "versions", ValueType.ARRAY);
            assertType(branch, "targets", ValueType.OBJECT);
            assertTrue(branch.containsKey("snapshot"), entry.getKey());
            assertFalse(branch.getJsonArray("versions").isEmpty(), entry.getKey());
            assertFalse(branch.getJsonObject("targets").isEmpty(), entry.getKey() + " is offered without targets");
        }

        JsonObject release = branches.getJsonObject("24.10");
        assertEquals("releases/{version}", release.getString("path"));
        assertEquals(ValueType.FALSE, release.get("snapshot").getValueType());
        assertEquals(27990, release.getInt("branch_off_rev"));
        assertEquals(List.of("24.10.2", "24.10-SNAPSHOT"), strings(release.getJsonArray("versions")));
        assertEquals(Map.of("ath79/generic", "mips_24kc", "ramips/mt7621", "mipsel_24kc",
                "mediatek/filogic", "aarch64_cortex-a53", "x86/64", "x86_64"), stringMap(release.getJsonObject("targets")));
        assertEquals(8, release.getJsonArray("package_changes").size(), "24.10 lists the changes before r27990");
        JsonObject firewall = release.getJsonArray("package_changes").getJsonObject(0);
        assertEquals("{\"source\":\"firewall\",\"target\":\"firewall4\",\"revision\":18611}", firewall.toString());
        assertEquals(5, branches.getJsonObject("23.05").getJsonArray("package_changes").size());
        assertEquals(List.of("23.05.4"), strings(branches.getJsonObject("23.05").getJsonArray("versions")),
                "upstream publishes no 23.05-SNAPSHOT");

        JsonObject snapshot = branches.getJsonObject("SNAPSHOT");
        assertEquals("snapshots", snapshot.getString("path"));
        assertEquals(ValueType.TRUE, snapshot.get("snapshot").getValueType());
        assertFalse(snapshot.containsKey("branch_off_rev"));
        assertEquals(9, snapshot.getJsonArray("package_changes").size());
        assertEquals(List.of("SNAPSHOT"), strings(snapshot.getJsonArray("versions")));
        assertEquals("mips_24kc", snapshot.getJsonObject("targets").getString("ath79/generic"));

        JsonObject server = overview.getJsonObject("server");
        assertType(server, "version", ValueType.STRING);
        assertType(server, "contact", ValueType.STRING);
        assertEquals(ValueType.FALSE, server.get("allow_defaults").getValueType());
        assertType(server, "repository_allow_list", ValueType.ARRAY);
        assertEquals(1024, server.getInt("max_custom_rootfs_size_mb"));
        assertEquals(20480, server.getInt("max_defaults_length"));
    }

    @Test
    @Order(1)
    void branchesJsonIsTheSameBranchObjectsAsAnArray() {
        JsonObject overview = json(get("/json/v1/overview.json"));
        HttpResponse<String> answer = get("/json/v1/branches.json");
        assertEquals(200, answer.statusCode());
        JsonArray branches = jsonArray(answer);
        assertEquals(overview.getJsonObject("branches").size(), branches.size());
        for (JsonObject branch : branches.getValuesAs(JsonObject.class)) {
            assertEquals(overview.getJsonObject("branches").getJsonObject(branch.getString("name")), branch);
        }
        assertEquals("SNAPSHOT", branches.getJsonObject(0).getString("name"), "configuration order");
    }

    @Test
    @Order(1)
    void latestJsonListsUpcomingStableOldstable() {
        HttpResponse<String> answer = get("/json/v1/latest.json");
        assertEquals(200, answer.statusCode());
        assertEquals("{\"latest\":[\"24.10.2\",\"23.05.4\"]}", json(answer).toString());
    }

    @Test
    @Order(1)
    void targetIndexHasTheArchitectureAndPackagesWithKmods() {
        HttpResponse<String> answer = get("/json/v1/" + PATH + "/targets/ath79/generic/index.json");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject index = json(answer);
        assertEquals("mips_24kc", index.getString("architecture"));
        JsonObject packages = index.getJsonObject("packages");
        assertType(packages, "base-files", ValueType.STRING);
        assertType(packages, "kmod-ath9k", ValueType.STRING);
        assertTrue(packages.containsKey("libgcc"), "opkg names without their ABI suffix");
        assertFalse(packages.containsKey("libgcc1"));

        JsonObject apk = json(get("/json/v1/snapshots/targets/ath79/generic/index.json"));
        assertEquals("mips_24kc", apk.getString("architecture"));
        assertTrue(apk.getJsonObject("packages").containsKey("kmod-ath9k"), "apk era: kmods merged too");
        JsonObject beforeSplit = json(get("/json/v1/releases/23.05.4/targets/ath79/generic/index.json"));
        assertTrue(beforeSplit.getJsonObject("packages").containsKey("kmod-ath9k"), "23.05: kmods in the target feed");

        assertEquals(404, get("/json/v1/" + PATH + "/targets/ath79/nothing/index.json").statusCode());
    }

    @Test
    @Order(1)
    void archIndexIsAFlatMapOfEveryFeed() {
        HttpResponse<String> answer = get("/json/v1/" + PATH + "/packages/mips_24kc-index.json");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject index = json(answer);
        assertFalse(index.containsKey("architecture"));
        assertFalse(index.containsKey("packages"));
        for (String name : List.of("luci", "vim", "tmux", "owut", "jansson")) {
            assertType(index, name, ValueType.STRING);
        }
        assertTrue(index.values().stream().allMatch(version -> version.getValueType() == ValueType.STRING));
        assertTrue(json(get("/json/v1/snapshots/packages/x86_64-index.json")).containsKey("luci"));
        assertEquals(404, get("/json/v1/" + PATH + "/packages/no_such_arch-index.json").statusCode());
    }

    @Test
    @Order(1)
    void profileJsonIsTheProfileMergedWithItsTargetMetadata() {
        HttpResponse<String> answer = get("/json/v1/" + PATH + "/targets/ath79/generic/" + DEVICE + ".json");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject profile = json(answer);
        assertEquals(DEVICE, profile.getString("id"));
        assertEquals(1, profile.getInt("metadata_version"));
        assertEquals("mips_24kc", profile.getString("arch_packages"));
        assertEquals("ath79/generic", profile.getString("target"));
        assertEquals("r28739-d9340319c6", profile.getString("version_code"));
        assertEquals(RELEASE, profile.getString("version_number"));
        assertTrue(profile.getString("build_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000000Z"),
                profile.getString("build_at"));
        assertFalse(profile.containsKey("profiles"));
        assertType(profile, "default_packages", ValueType.ARRAY);
        assertType(profile, "device_packages", ValueType.ARRAY);
        assertType(profile, "titles", ValueType.ARRAY);
        assertTrue(strings(profile.getJsonArray("supported_devices")).contains("tplink,archer-c7-v5"));
        JsonObject image = profile.getJsonArray("images").getJsonObject(0);
        for (String field : List.of("name", "type", "filesystem", "sha256")) {
            assertType(image, field, ValueType.STRING);
        }

        HttpResponse<String> unknown = get("/json/v1/" + PATH + "/targets/ath79/generic/no_such_device.json");
        assertEquals(200, unknown.statusCode());
        assertEquals("{}", unknown.body().trim());
        assertEquals(404, get("/json/v1/" + PATH + "/targets/ath79/nothing/" + DEVICE + ".json").statusCode());
    }

    @Test
    @Order(1)
    void everyAth79DeviceOfTheReleaseIsServed() {
        JsonObject upstreamProfiles = json(send(following, "GET", URI.create(UPSTREAM + "/" + PATH
                + "/targets/ath79/generic/profiles.json"), Map.of())).getJsonObject("profiles");
        assertEquals(349, upstreamProfiles.size());
        List<String> missing = new ArrayList<>();
        for (String id : upstreamProfiles.keySet()) {
            HttpResponse<String> answer = get("/json/v1/" + PATH + "/targets/ath79/generic/" + id + ".json");
            if (answer.statusCode() != 200 || !id.equals(json(answer).getString("id", ""))) {
                missing.add(id);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    @Order(1)
    void revisionIsTheTargetsVersionCode() {
        HttpResponse<String> answer = get("/api/v1/revision/" + RELEASE + "/ath79/generic");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("{\"revision\":\"r28739-d9340319c6\"}", json(answer).toString());
        assertEquals("r30622-3d5c1b4a2e", json(get("/api/v1/revision/SNAPSHOT/ath79/generic")).getString("revision"));

        HttpResponse<String> unsupported = get("/api/v1/revision/10.10.10/ath79/generic");
        assertEquals(400, unsupported.statusCode());
        assertEquals("Unsupported version: 10.10.10", json(unsupported).getString("detail"));
        assertEquals(400, json(unsupported).getInt("status"));
    }

    @Test
    @Order(1)
    void legacyApiServesBranchesByNameAndLatest() {
        HttpResponse<String> answer = get("/api/branches");
        assertEquals(200, answer.statusCode());
        JsonObject branches = json(answer);
        JsonObject release = branches.getJsonObject("24.10");
        assertEquals("24.10", release.getString("name"));
        assertEquals(List.of("24.10.2", "24.10-SNAPSHOT"), strings(release.getJsonArray("versions")));
        assertEquals("mips_24kc", release.getJsonObject("targets").getString("ath79/generic"));
        assertEquals("openwrt-24.10", release.getString("git_branch"));
        assertType(release, "pubkey", ValueType.STRING);
        assertEquals("master", branches.getJsonObject("SNAPSHOT").getString("git_branch"));

        assertEquals(List.of("SNAPSHOT", "24.10", "23.05"), List.copyOf(branches.keySet()));
        assertEquals(List.of("23.05.4"), strings(branches.getJsonObject("23.05").getJsonArray("versions")));

        JsonObject latest = json(get("/api/latest"));
        assertEquals(List.of("SNAPSHOT", "24.10.2", "23.05.4"), strings(latest.getJsonArray("latest")));
    }

    @Test
    @Order(1)
    void oldAddressesRedirectPermanently() {
        for (String old : List.of("/api/v1/overview", "/api/overview", "/overview")) {
            HttpResponse<String> moved = get(old);
            assertEquals(301, moved.statusCode(), old);
            assertEquals("/json/v1/overview.json", URI.create(moved.headers().firstValue("Location").orElseThrow()).getPath(), old);
        }
        HttpResponse<String> latest = get("/api/v1/latest");
        assertEquals(301, latest.statusCode());
        assertEquals("/json/v1/latest.json", URI.create(latest.headers().firstValue("Location").orElseThrow()).getPath());
    }

    @Test
    @Order(1)
    void metadataAnswersCarryCacheHeadersAndAnswer304WhenUnchanged() {
        for (String path : List.of("/json/v1/overview.json", "/json/v1/branches.json", "/json/v1/latest.json",
                "/json/v1/" + PATH + "/targets/ath79/generic/index.json", "/json/v1/" + PATH + "/packages/mips_24kc-index.json",
                "/json/v1/" + PATH + "/targets/ath79/generic/" + DEVICE + ".json")) {
            HttpResponse<String> first = get(path);
            assertEquals(200, first.statusCode(), path);
            assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("max-age="), path);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
            assertEquals(etag, get(path).headers().firstValue("ETag").orElseThrow(), "same content, same tag: " + path);

            HttpResponse<String> again = send(http, "GET", base.resolve(path), Map.of("If-None-Match", etag));
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
            assertEquals(etag, again.headers().firstValue("ETag").orElse(""), path);

            HttpResponse<String> stale = send(http, "GET", base.resolve(path), Map.of("If-None-Match", "\"other\""));
            assertEquals(200, stale.statusCode(), path);
        }
    }

    @Test
    @Order(1)
    void everyMetadataDocumentReadFromTheRenderedCopyEqualsTheResourcesAnswer() {
        List<String> paths = new ArrayList<>(List.of("/json/v1/overview.json", "/json/v1/branches.json",
                "/json/v1/latest.json", "/api/branches", "/api/latest",
                "/json/v1/" + PATH + "/targets/ath79/generic/" + DEVICE + ".json",
                "/json/v1/" + PATH + "/targets/ath79/generic/no-such-device.json",
                "/json/v1/" + PATH + "/targets/no/such/index.json"));
        JsonObject branches = json(get("/json/v1/overview.json")).getJsonObject("branches");
        for (JsonValue value : branches.values()) {
            JsonObject branch = value.asJsonObject();
            for (String version : strings(branch.getJsonArray("versions"))) {
                String path = "/json/v1/" + branch.getString("path").replace("{version}", version);
                branch.getJsonObject("targets").forEach((target, arch) -> {
                    paths.add(path + "/targets/" + target + "/index.json");
                    paths.add(path + "/packages/" + ((JsonString) arch).getString() + "-index.json");
                });
            }
        }
        RenderedReadsComparison comparison = new RenderedReadsComparison(base);
        int compared = paths.stream().distinct().mapToInt(comparison::assertSameAsTheResources).sum();
        assertTrue(compared > 100, compared + " answers compared");
    }

    // --- each client's metadata conversation -----------------------------------------

    @Test
    @Order(2)
    void firmwareSelectorReadsTheUpstreamMirrorTheOverviewNames() {
        String mirror = json(get("/json/v1/overview.json")).getString("upstream_url");
        JsonObject versions = json(send(following, "GET", URI.create(mirror + "/.versions.json"), Map.of()));
        assertType(versions, "versions_list", ValueType.ARRAY);
        assertType(versions, "stable_version", ValueType.STRING);
        String version = versions.getString("stable_version");

        JsonObject overview = json(send(following, "GET", URI.create(mirror + "/releases/" + version + "/.overview.json"), Map.of()));
        JsonObject device = overview.getJsonArray("profiles").getValuesAs(JsonObject.class).stream()
                .filter(profile -> profile.getString("id").equals(DEVICE)).findFirst().orElseThrow();
        assertEquals("ath79/generic", device.getString("target"));
        assertType(device, "titles", ValueType.ARRAY);

        JsonObject profiles = json(send(following, "GET",
                URI.create(mirror + "/releases/" + version + "/targets/ath79/generic/profiles.json"), Map.of()));
        for (String field : List.of("version_number", "version_code", "target")) {
            assertType(profiles, field, ValueType.STRING);
        }
        assertType(profiles, "default_packages", ValueType.ARRAY);
        JsonObject profile = profiles.getJsonObject("profiles").getJsonObject(DEVICE);
        assertType(profile, "titles", ValueType.ARRAY);
        assertType(profile, "device_packages", ValueType.ARRAY);
        for (JsonObject image : profile.getJsonArray("images").getValuesAs(JsonObject.class)) {
            for (String field : List.of("name", "type", "sha256")) {
                assertType(image, field, ValueType.STRING);
            }
        }
    }

    @Test
    @Order(2)
    void luciFollowsTheOverviewRedirectAndComparesRevisions() {
        // LuCI appends a bare cache-buster to every URL and lets the browser follow the 301
        for (String old : List.of("/api/v1/overview?1718000000000", "/api/overview?1718000000000")) {
            HttpResponse<String> overview = send(following, "GET", base.resolve(old), Map.of());
            assertEquals(200, overview.statusCode(), old);
            assertEquals("/json/v1/overview.json", overview.uri().getPath());
            JsonObject body = json(overview);
            assertType(body, "latest", ValueType.ARRAY);
            assertTrue(body.getJsonArray("latest").getValuesAs(JsonValue.class).stream()
                    .allMatch(value -> value.getValueType() == ValueType.STRING));
            for (JsonValue change : body.getJsonObject("branches").getJsonObject("24.10").getJsonArray("package_changes")) {
                assertType(change.asJsonObject(), "source", ValueType.STRING);
                assertType(change.asJsonObject(), "revision", ValueType.NUMBER);
            }
        }
        HttpResponse<String> revision = send(following, "GET",
                base.resolve("/api/v1/revision/SNAPSHOT/ath79/generic?1718000000001"), Map.of());
        assertEquals(200, revision.statusCode(), revision.body());
        assertTrue(json(revision).getString("revision").matches("r\\d+-[0-9a-f]+"));
    }

    @Test
    @Order(2)
    void aucFindsItsBranchProfileAndBothIndexes() {
        HttpResponse<String> list = get("/json/v1/branches.json");
        assertEquals(200, list.statusCode());
        JsonObject branch = jsonArray(list).getValuesAs(JsonObject.class).stream()
                .filter(candidate -> RELEASE.startsWith(candidate.getString("name"))).findFirst().orElseThrow();
        assertEquals(ValueType.TRUE, branch.get("enabled").getValueType());
        assertType(branch, "path_packages", ValueType.STRING);
        assertType(branch, "branch_off_rev", ValueType.NUMBER);
        assertType(branch, "snapshot", ValueType.FALSE);
        String arch = branch.getJsonObject("targets").getString("ath79/generic");

        for (String version : strings(branch.getJsonArray("versions"))) {
            String path = branch.getString("path").replace("{version}", version);
            // auc replaces every ',' of the URL by '_'
            String board = "tplink,archer-c7-v5".replace(',', '_');
            HttpResponse<String> answer = get("/json/v1/" + path + "/targets/ath79/generic/" + board + ".json");
            assertEquals(200, answer.statusCode(), version);
            JsonObject profile = json(answer);
            assertEquals(1, profile.getInt("metadata_version"));
            assertEquals(arch, profile.getString("arch_packages"));
            assertEquals("ath79/generic", profile.getString("target"));
            assertType(profile, "images", ValueType.ARRAY);
            assertType(profile, "version_code", ValueType.STRING);
            assertType(profile, "version_number", ValueType.STRING);

            JsonObject target = json(get("/json/v1/" + path + "/targets/ath79/generic/index.json"));
            assertEquals(arch, target.getString("architecture"));
            assertType(target, "packages", ValueType.OBJECT);
            JsonObject feeds = json(get("/json/v1/" + path + "/packages/" + arch + "-index.json"));
            assertType(feeds, "luci", ValueType.STRING);
        }
        // x86 asks for the board "generic"
        assertEquals("x86_64", json(get("/json/v1/" + PATH + "/targets/x86/64/generic.json")).getString("arch_packages"));
    }

    @Test
    @Order(2)
    void owutReadsTheOverviewTheUpstreamProfilesAndBothIndexes() {
        HttpResponse<String> answer = get("/json/v1/overview.json");
        assertEquals(200, answer.statusCode());
        JsonObject overview = json(answer);
        assertType(overview.getJsonObject("server"), "max_custom_rootfs_size_mb", ValueType.NUMBER);
        assertType(overview.getJsonObject("server"), "max_defaults_length", ValueType.NUMBER);
        JsonObject branch = overview.getJsonObject("branches").getJsonObject("24.10");
        assertEquals(ValueType.TRUE, branch.get("enabled").getValueType());
        assertFalse(branch.getJsonObject("targets").isEmpty());
        assertTrue(strings(branch.getJsonArray("versions")).contains(RELEASE));
        assertType(branch, "package_changes", ValueType.ARRAY);
        String path = branch.getString("path").replace("{version}", RELEASE);

        // owut reads profiles.json from upstream_url, not from ASU
        HttpResponse<String> upstream = send(following, "GET",
                URI.create(overview.getString("upstream_url") + "/" + path + "/targets/x86/64/profiles.json"), Map.of());
        assertEquals(200, upstream.statusCode());
        JsonObject profiles = json(upstream);
        assertType(profiles, "arch_packages", ValueType.STRING);
        assertType(profiles, "default_packages", ValueType.ARRAY);
        assertType(profiles, "source_date_epoch", ValueType.NUMBER);
        assertType(profiles, "version_code", ValueType.STRING);
        JsonObject generic = profiles.getJsonObject("profiles").getJsonObject("generic");
        assertType(generic, "image_prefix", ValueType.STRING);
        assertType(generic, "images", ValueType.ARRAY);
        assertType(generic, "device_packages", ValueType.ARRAY);

        String arch = branch.getJsonObject("targets").getString("x86/64");
        HttpResponse<String> feeds = get("/json/v1/" + path + "/packages/" + arch + "-index.json");
        assertEquals(200, feeds.statusCode());
        assertType(json(feeds), "luci", ValueType.STRING);
        HttpResponse<String> target = get("/json/v1/" + path + "/targets/x86/64/index.json");
        assertEquals(200, target.statusCode());
        assertType(json(target).getJsonObject("packages"), "base-files", ValueType.STRING);
    }

    @Test
    @Order(2)
    void nothingListedAnswers404() {
        for (JsonObject branch : jsonArray(get("/json/v1/branches.json")).getValuesAs(JsonObject.class)) {
            for (String version : strings(branch.getJsonArray("versions"))) {
                String path = branch.getString("path").replace("{version}", version);
                for (Map.Entry<String, String> target : stringMap(branch.getJsonObject("targets")).entrySet()) {
                    String where = version + " " + target.getKey();
                    HttpResponse<String> index = get("/json/v1/" + path + "/targets/" + target.getKey() + "/index.json");
                    assertEquals(200, index.statusCode(), where + " index.json");
                    assertFalse(json(index).getJsonObject("packages").isEmpty(), where);
                    assertEquals(200, get("/json/v1/" + path + "/packages/" + target.getValue() + "-index.json").statusCode(),
                            where + " " + target.getValue() + "-index.json");
                    HttpResponse<String> revision = get("/api/v1/revision/" + version + "/" + target.getKey());
                    assertEquals(200, revision.statusCode(), where + " revision");
                }
                JsonObject archer = json(get("/json/v1/" + path + "/targets/ath79/generic/" + DEVICE + ".json"));
                assertEquals(version, archer.getString("version_number"), "the device's profile of " + version);
            }
        }
    }

    // --- build requests checked against the synced data ----------------------------------

    @Test
    @Order(3)
    void buildRequestsAreValidatedAgainstTheSyncedMetadata() {
        assertRejected("{\"version\":\"24.10.99\",\"target\":\"ath79/generic\",\"profile\":\"" + DEVICE + "\"}",
                "Unsupported version: 24.10.99");
        assertRejected("{\"version\":\"10.10.10\",\"target\":\"ath79/generic\",\"profile\":\"" + DEVICE + "\"}",
                "Unsupported branch: 10.10.10");
        // configured, but not published upstream: not offered, so not built either
        assertRejected("{\"version\":\"23.05-SNAPSHOT\",\"target\":\"ath79/generic\",\"profile\":\"" + DEVICE + "\"}",
                "Unsupported version: 23.05-SNAPSHOT");
        assertRejected("{\"version\":\"" + RELEASE + "\",\"target\":\"ath79/nothing\",\"profile\":\"" + DEVICE + "\"}",
                "Unsupported target: ath79/nothing. The requested target was either dropped, is still being built or is"
                        + " not supported by the selected version. Please check the forums or try again later.");
        assertRejected("{\"version\":\"" + RELEASE + "\",\"target\":\"ath79/generic\",\"profile\":\"acme_nothing\"}",
                "Unsupported profile: acme_nothing. The requested profile was either dropped or never existed."
                        + " Please check the forums for more information.");
    }

    @Test
    @Order(3)
    void boardNamesAndAliasesAreStoredAsTheCanonicalProfile() {
        assertEquals(DEVICE, acceptedProfile("{\"version\":\"" + RELEASE
                + "\",\"target\":\"ath79/generic\",\"profile\":\"tplink,archer-c7-v5\",\"packages\":[\"auc\",\"nano\"]}"));
        assertEquals("8dev_carambola2", acceptedProfile("{\"version\":\"" + RELEASE
                + "\",\"target\":\"ath79/generic\",\"profile\":\"carambola2\",\"packages\":[\"owut\",\"nano\"]}"));
        assertEquals("generic", acceptedProfile("{\"version\":\"" + RELEASE
                + "\",\"target\":\"x86/64\",\"profile\":\"some_random_cpu\",\"packages\":[\"curl\",\"htop\"]}"));
    }

    // --- health --------------------------------------------------------------------------

    @Test
    @Order(4)
    void readinessReportsTheAgeOfTheUpstreamMetadata() {
        JsonObject check = upstreamCheck();
        assertEquals("UP", check.getString("status"), check.toString());
        JsonObject data = check.getJsonObject("data");
        assertNotNull(data, check.toString());
        assertTrue(data.containsKey("age_seconds") && data.containsKey("last_success"), data.toString());
        // MicroProfile Health on Payara renders numbers as they were given or as strings
        long age = Long.parseLong(data.get("age_seconds").toString().replace("\"", ""));
        assertTrue(age >= 0 && age < 600, data.toString());

        String key = "it:janitor:sync";
        try (RedisClient redis = RedisClient.create("127.0.0.1", REDIS_PORT)) {
            Map<String, String> status = redis.hgetAll(key);
            try {
                redis.hset(key, Map.of("last_success", "2020-01-01T00:00:00Z", "errors", "[\"/.versions.json: HTTP 500\"]"));
                HttpResponse<String> stale = get("/health/ready");
                assertEquals(503, stale.statusCode(), stale.body());
                JsonObject down = upstreamCheck();
                assertEquals("DOWN", down.getString("status"));
                assertTrue(down.getJsonObject("data").getString("errors").contains("HTTP 500"), down.toString());
            } finally {
                redis.hset(key, status);
            }
        }
        assertEquals(200, get("/health/ready").statusCode());
    }

    // --- helpers -------------------------------------------------------------------------

    private static boolean firstSyncDone() {
        try (RedisClient redis = RedisClient.create("127.0.0.1", REDIS_PORT)) {
            return redis.hget("it:janitor:sync", "last_success") != null;
        }
    }

    private JsonObject upstreamCheck() {
        HttpResponse<String> ready = get("/health/ready");
        return json(ready).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("upstream-metadata")).findFirst()
                .orElseThrow(() -> new AssertionError("no upstream-metadata check: " + ready.body()));
    }

    private void assertRejected(String request, String detail) {
        HttpResponse<String> answer = postJson("/api/v1/build", request);
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(detail, json(answer).getString("detail"));
        assertEquals(400, json(answer).getInt("status"));
    }

    /** Posts a build request, expects it accepted, and reads the request the builders got from Redis. */
    private String acceptedProfile(String request) {
        HttpResponse<String> answer = postJson("/api/v1/build", request);
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 202, answer.statusCode() + " " + answer.body());
        String hash = json(answer).getString("request_hash");
        try (RedisClient redis = RedisClient.create("127.0.0.1", REDIS_PORT)) {
            String stored = redis.hget("it:build:" + hash, "request");
            assertNotNull(stored, "no stored request for " + hash);
            return parse(stored).asJsonObject().getString("profile");
        }
    }

    private static void assertType(JsonObject object, String field, ValueType type) {
        assertTrue(object.containsKey(field), "missing " + field + " in " + abbreviated(object));
        assertEquals(type, object.get(field).getValueType(), field + " in " + abbreviated(object));
    }

    private static String abbreviated(JsonObject object) {
        String text = object.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private HttpResponse<String> get(String path) {
        return send(http, "GET", base.resolve(path), Map.of());
    }

    private HttpResponse<String> postJson(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String method, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonStructure parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return parse(response.body()).asJsonObject();
    }

    private static JsonArray jsonArray(HttpResponse<String> response) {
        return parse(response.body()).asJsonArray();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new java.util.TreeMap<>();
        object.forEach((key, value) -> map.put(key, ((JsonString) value).getString()));
        return map;
    }
}

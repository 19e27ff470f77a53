package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * luci-app-attendedsysupgrade's whole conversation, as the router's web page
 * makes it: every call cross-origin from the router's address with LuCI's {@code ?<milliseconds>}
 * on every URL; the check against {@code /api/v1/overview}'s {@code latest}; on "Request
 * firmware image" the package renames of the target branch up to the target's revision; the
 * build POSTed (the board name with its comma, the sorted installed packages, {@code filesystem},
 * {@code rootfs_size_mb:null}) until a 202 names the hash, then GET polls with a JSON content
 * type; the image of the device's file system and type picked from {@code images[]}; the blob
 * download whose sha256 the router compares before flashing.
 */
@AsuServer.Deployed
class LuciContractIT {

    private static final String ROUTER = "http://192.168.1.1";
    /** The progress table of the newest overview.js; a 202 without queue_position needs one of these. */
    private static final Set<String> KNOWN_STATUS = Set.of("init", "container_setup", "validate_revision",
            "validate_manifest", "calculate_packages_hash", "building_image", "signing_images", "done", "failed",
            "download_imagebuilder", "unpack_imagebuilder");
    private static final Pattern REVISION = Pattern.compile("r(\\d+)-[0-9a-f]+");

    /** What ubus tells the page: {@code system board}, {@code rpc-sys packagelist}, the EFI check, uci advanced_mode. */
    private record Router(String board, String target, String running, boolean efi, boolean advancedMode,
                          List<String> installed) {
    }

    private ClientWire luci;

    @BeforeEach
    void pageOnTheRouter(@AsuServer.Synced URI base) {
        luci = new ClientWire("LuCI", base).browserAt(ROUTER).cacheBusting();
    }

    @Test
    void archerC7InAdvancedModeUpgradesAcrossBranchesWithThePackageRenames() throws InterruptedException {
        // auc and luci-app-opkg were renamed before 24.10 branched off; 24.10 has no luci-app-opkg
        Router router = new Router("tplink,archer-c7-v5", "ath79/generic", "23.05.4", false, true,
                firmware("23.05.4", "ath79/generic", "tplink_archer-c7-v5",
                        "luci", "luci-app-attendedsysupgrade", "auc", "luci-app-opkg", "tmux"));
        ClientReads done = upgrade(router, "24.10.2");
        assertEquals("tplink_archer-c7-v5", done.string("id"));
        assertTrue(done.object("manifest").has("owut") && done.object("manifest").has("luci-app-package-manager"),
                done.object("manifest").toString());
    }

    @Test
    void x86WithEfiTakesTheCombinedEfiImageOfItsBranch() throws InterruptedException {
        // the mirror has no 23.05.3: its 23.05.4 package list stands in, with an old wolfSSL variant
        // carried over from 22.03 and renamed for 23.05; the board name is the PC's, as ubus reports it
        Router router = new Router("qemu-standard-pc-i440fx-piix-1996", "x86/64", "23.05.3", true, false,
                firmware("23.05.4", "x86/64", "generic", "luci", "luci-app-attendedsysupgrade", "libustream-wolfssl", "vim"));
        upgrade(router, "23.05.4");
    }

    @Test
    void aFailedBuildShowsDetailAndBothOutputs() throws InterruptedException {
        Router router = new Router("tplink,archer-c7-v5", "ath79/generic", "24.10.1", false, false,
                List.of("luci", "luci-app-this-feed-never-had"));
        HttpResponse<String> answer = build(router, "24.10.2", List.of("luci", "luci-app-this-feed-never-had"));
        assertEquals(500, answer.statusCode(), answer.body());
        ClientReads failed = ClientReads.of("LuCI: 500 of a failed build", ClientWire.json(answer));
        assertTrue(failed.string("detail").contains("luci-app-this-feed-never-had"), failed.toString());
        failed.string("stdout");
        failed.string("stderr");
    }

    /** The whole upgrade: check, renames, build, image selection, download. Returns the 200 body. */
    private ClientReads upgrade(Router router, String expectedVersion) throws InterruptedException {
        String version = newestCandidate(router);
        assertEquals(expectedVersion, version);
        List<String> packages = installedAfterRenames(router, version);

        HttpResponse<String> answer = build(router, version, packages);
        assertEquals(200, answer.statusCode(), answer.body());
        ClientReads done = ClientReads.of("LuCI: 200 of the build", ClientWire.json(answer));
        done.string("bin_dir");
        assertEquals(version, done.string("version_number"));
        done.string("version_code");
        // advanced mode shows these
        done.string("id");
        assertEquals(router.target(), done.string("target"));
        done.string("build_at");

        String type = router.target().startsWith("x86/") ? (router.efi() ? "combined-efi" : "combined") : "sysupgrade";
        ClientReads image = done.objects("images").stream()
                .filter(candidate -> "squashfs".equals(candidate.string("filesystem")) && type.equals(candidate.string("type")))
                .findFirst().orElseThrow(() -> new AssertionError("LuCI: no squashfs " + type + " image, a TypeError: " + done));
        image.string("sha256_unsigned"); // compared with the rebuilders'
        // XHR blob download, with the form content type LuCI's request helper sets
        luci.download(done.string("bin_dir"), image, "Content-Type", "application/x-www-form-urlencoded");
        return done;
    }

    /** Check, step 1: walk {@code latest} until the running version; other branches only in advanced mode. */
    private String newestCandidate(Router router) {
        HttpResponse<String> answer = luci.get("/api/v1/overview");
        assertEquals(200, answer.statusCode(), "LuCI: 'Could not reach API' " + answer.body());
        for (String candidate : ClientReads.of("LuCI: overview", ClientWire.json(answer)).strings("latest")) {
            if (candidate.equals(router.running())) {
                break;
            }
            if (router.advancedMode() || branch(candidate).equals(branch(router.running()))) {
                return candidate;
            }
        }
        throw new AssertionError("LuCI finds no upgrade for " + router);
    }

    /** Check, step 2: the overview's package changes of the target branch and the target's revision, in parallel in LuCI. */
    private List<String> installedAfterRenames(Router router, String version) {
        ClientReads overview = ClientReads.of("LuCI: overview", ClientWire.json(luci.get("/api/v1/overview")));
        List<ClientReads> changes = overview.object("branches").object(branch(version)).objects("package_changes");
        HttpResponse<String> answer = luci.get("/api/v1/revision/" + version + "/" + router.target());
        assertEquals(200, answer.statusCode(), answer.body());
        Matcher revision = REVISION.matcher(ClientReads.of("LuCI: revision", ClientWire.json(answer)).string("revision"));
        assertTrue(revision.matches(), revision.toString());
        long targetRevision = Long.parseLong(revision.group(1));

        List<String> packages = new ArrayList<>(router.installed());
        for (ClientReads change : changes) {
            String source = change.string("source");
            if (change.integer("revision") <= targetRevision && packages.remove(source)
                    && change.optional("target", ValueType.STRING)) {
                packages.add(change.string("target"));
            }
        }
        return List.copyOf(new TreeSet<>(packages));
    }

    /** POST until a 202 names the hash, then GET by hash; returns the first answer that is not 202. */
    private HttpResponse<String> build(Router router, String version, List<String> packages) throws InterruptedException {
        JsonObject body = Json.createObjectBuilder().add("client", "luci/25.073.41735~0a7d8b4")
                .add("packages", Json.createArrayBuilder(packages)).add("profile", router.board())
                .add("target", router.target()).add("version", version).add("diff_packages", true)
                .add("filesystem", "squashfs").addNull("rootfs_size_mb").build();
        String hash = null;
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            HttpResponse<String> answer;
            if (hash == null) {
                luci.preflight("/api/v1/build", "POST");
                answer = luci.postJson("/api/v1/build", body.toString(), ClientWire.Body.SIZED);
            } else {
                luci.preflight("/api/v1/build/" + hash, "GET");
                answer = luci.get("/api/v1/build/" + hash, "Content-Type", "application/json");
            }
            if (answer.statusCode() != 202) {
                return answer;
            }
            ClientReads progress = ClientReads.of("LuCI: 202", ClientWire.json(answer));
            hash = progress.string("request_hash");
            if (progress.has("queue_position")) {
                progress.integer("queue_position");
            } else {
                String status = progress.string("imagebuilder_status");
                assertTrue(KNOWN_STATUS.contains(status), "LuCI's modal freezes on imagebuilder_status '" + status + "'");
            }
            assertTrue(Instant.now().isBefore(deadline), "still building after 2 minutes: " + progress);
            Thread.sleep(250); // LuCI waits 5 s
        }
    }

    /** {@code rpc-sys packagelist}: the defaults and device packages of the router's firmware, and what the user added. */
    private List<String> firmware(String version, String target, String profile, String... added) {
        ClientReads firmware = ClientReads.of("the router's firmware", ClientWire.json(
                luci.get("/json/v1/releases/" + version + "/targets/" + target + "/" + profile + ".json")));
        return InstalledPackages.of(firmware.strings("default_packages"), firmware.strings("device_packages"), added);
    }

    private static String branch(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1].replace("-SNAPSHOT", "");
    }
}

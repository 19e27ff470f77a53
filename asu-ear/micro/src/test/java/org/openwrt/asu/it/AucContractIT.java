package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * auc's whole conversation, the C client of 21.02–23.05 routers, here an x86
 * box running 23.05.3: {@code branches.json} narrowed to the running branch, each version's
 * per-profile JSON (board {@code generic} for x86), both package indexes for the versions, the
 * build POSTed chunked with {@code User-Agent: auc/0.3.2} and a {@code packages_versions} map of
 * the installed packages, GET polls, the image picked by type and file system, and the download
 * whose {@code Content-Length} and sha256 auc compares. Also the failures it reports: a 500 whose
 * {@code detail}, {@code stdout} and {@code stderr} it prints.
 */
@AsuServer.Deployed
class AucContractIT {

    private static final String RUNNING = "23.05.3";
    private static final String TARGET = "x86/64";
    /** auc asks x86 for the board {@code generic}. */
    private static final String BOARD = "generic";

    private ClientWire auc;

    /** What auc found out before it builds: the version, its revision and the package versions of both indexes. */
    private record Upgrade(String version, String versionCode, String filesystem, Map<String, String> available) {
    }

    @BeforeEach
    void router(@AsuServer.Synced URI base) {
        auc = new ClientWire("auc", base).header("User-Agent", "auc/0.3.2");
    }

    @Test
    void upgradesWithTheInstalledPackagesAtTheirNewVersionsAndChecksTheDownload() throws InterruptedException {
        Upgrade upgrade = findUpgrade();
        Map<String, String> packagesVersions = new LinkedHashMap<>();
        for (String name : installed()) {
            String newVersion = upgrade.available().get(name);
            assertNotNull(newVersion, "auc: " + name + " is in neither index of " + upgrade.version());
            packagesVersions.put(name, newVersion);
        }

        HttpResponse<String> answer = build(request(upgrade, packagesVersions));
        assertEquals(200, answer.statusCode(), answer.body());
        ClientReads done = ClientReads.of("auc: 200 of the build", ClientWire.json(answer));
        String binDir = done.string("bin_dir");
        // entries without filesystem, name, type or sha256 are skipped
        List<ClientReads> images = done.objects("images").stream().filter(image -> image.has("filesystem")
                && image.has("name") && image.has("type") && image.has("sha256")).toList();
        ClientReads image = pick(images, upgrade.filesystem());
        auc.download(binDir, image);
    }

    @Test
    void aFailedBuildIsReportedWithDetailAndBothOutputs() throws InterruptedException {
        Upgrade upgrade = findUpgrade();
        Map<String, String> installed = new LinkedHashMap<>();
        installed.put("luci", upgrade.available().get("luci"));
        installed.put("no-such-package", "1.0");

        // v1 checks package names in the build, not before queueing: auc sees a 500, not a 422
        HttpResponse<String> unknown = build(request(upgrade, installed));
        assertFailure(unknown, "no-such-package");

        // an index announcing another version than the ImageBuilder has
        installed.remove("no-such-package");
        installed.put("luci", "0.0-r0");
        assertFailure(build(request(upgrade, installed)), "luci");
    }

    /** 500 → parses JSON and prints stdout, stderr, detail; a 422 would print the X-Unknown-Package header instead. */
    private static void assertFailure(HttpResponse<String> answer, String reason) {
        if (answer.statusCode() == 422) {
            assertTrue(answer.headers().firstValue("X-Unknown-Package").orElse("").contains(reason),
                    "auc prints X-Unknown-Package of a 422: " + answer.headers().map());
            return;
        }
        assertEquals(500, answer.statusCode(), answer.body());
        ClientReads failed = ClientReads.of("auc: 500 of a failed build", ClientWire.json(answer));
        assertTrue(failed.string("detail").contains(reason), failed.toString());
        failed.string("stdout");
        failed.string("stderr");
    }

    /** Steps 1–4: branches, per-profile JSON of each version, both indexes of the chosen one. */
    private Upgrade findUpgrade() {
        HttpResponse<String> list = auc.get("/json/v1/branches.json");
        assertEquals(200, list.statusCode());
        ClientReads branch = null;
        for (ClientReads candidate : ClientReads.each("auc: branches.json", ClientWire.jsonArray(list))) {
            if (RUNNING.startsWith(candidate.string("name"))) {
                branch = candidate;
            }
        }
        assertNotNull(branch, "auc keeps the branch whose name starts the running version");
        assertTrue(branch.bool("enabled"));
        branch.string("path_packages");
        branch.optional("branch_off_rev", ValueType.NUMBER);
        branch.optional("snapshot", ValueType.TRUE, ValueType.FALSE);
        for (ClientReads change : branch.objects("package_changes")) {
            change.string("source");
            change.integer("revision");
            change.optional("target", ValueType.STRING);
            change.optional("mandatory", ValueType.TRUE, ValueType.FALSE);
        }
        String arch = branch.stringMap("targets").get(TARGET);
        assertNotNull(arch, "auc needs its target in the branch's targets: " + branch);

        Upgrade upgrade = null;
        for (String version : branch.strings("versions")) {
            // every ',' of the URL becomes '_'
            String path = branch.string("path").replace("{version}", version);
            HttpResponse<String> answer = auc.get(("/json/v1/" + path + "/targets/" + TARGET + "/" + BOARD + ".json").replace(',', '_'));
            if (answer.statusCode() != 200 || version.equals(RUNNING)) {
                continue; // auc skips a version it cannot read
            }
            ClientReads profile = ClientReads.of("auc: " + version + "/" + BOARD + ".json", ClientWire.json(answer));
            assertEquals(1, profile.integer("metadata_version"));
            assertEquals(arch, profile.string("arch_packages"));
            assertEquals(TARGET, profile.string("target"));
            profile.array("images");
            assertEquals(version, profile.string("version_number"));
            upgrade = new Upgrade(version, profile.string("version_code"), "squashfs", indexes(path, arch));
        }
        assertNotNull(upgrade, "auc finds no version to upgrade to in " + branch);
        return upgrade;
    }

    private Map<String, String> indexes(String path, String arch) {
        ClientReads target = ClientReads.of("auc: target index.json",
                ClientWire.json(auc.get("/json/v1/" + path + "/targets/" + TARGET + "/index.json")));
        assertEquals(arch, target.string("architecture"));
        Map<String, String> available = new HashMap<>(target.stringMap("packages"));
        available.putAll(ClientReads.of("auc: " + arch + "-index.json",
                ClientWire.json(auc.get("/json/v1/" + path + "/packages/" + arch + "-index.json"))).asStringMap());
        return available;
    }

    /** {@code rpc-sys packagelist} of the box: its firmware's packages, plus LuCI and auc. */
    private List<String> installed() {
        ClientReads firmware = ClientReads.of("the router's firmware",
                ClientWire.json(auc.get("/json/v1/releases/23.05.4/targets/" + TARGET + "/" + BOARD + ".json")));
        return InstalledPackages.of(firmware.strings("default_packages"), firmware.strings("device_packages"),
                "luci", "luci-app-attendedsysupgrade", "auc");
    }

    private static String request(Upgrade upgrade, Map<String, String> packagesVersions) {
        JsonObjectBuilder versions = Json.createObjectBuilder();
        packagesVersions.forEach(versions::add);
        return Json.createObjectBuilder().add("version", upgrade.version()).add("version_code", upgrade.versionCode())
                .add("target", TARGET).add("filesystem", upgrade.filesystem()).add("profile", BOARD)
                .add("diff_packages", true).add("packages_versions", versions).build().toString();
    }

    /** Step 5–6: a chunked POST, then GET by hash while 201/202 (auc waits 2 s). Returns the last answer. */
    private HttpResponse<String> build(String body) throws InterruptedException {
        HttpResponse<String> answer = auc.postJson("/api/v1/build", body, ClientWire.Body.CHUNKED);
        Instant deadline = Instant.now().plusSeconds(120);
        while (answer.statusCode() == 201 || answer.statusCode() == 202) {
            ClientReads progress = ClientReads.of("auc: " + answer.statusCode(), ClientWire.json(answer));
            // without request_hash auc re-POSTs at once, in a busy loop
            String hash = progress.string("request_hash");
            progress.optional("queue_position", ValueType.NUMBER);
            assertTrue(Instant.now().isBefore(deadline), "still building after 2 minutes: " + progress);
            Thread.sleep(250);
            answer = auc.get("/api/v1/build/" + hash);
        }
        if (answer.statusCode() == 200) {
            // a body status "queued" or "started" on a 200 makes auc poll on (compatibility with pre-v1 servers)
            JsonValue status = ClientWire.json(answer).get("status");
            assertFalse(status instanceof JsonString word && List.of("queued", "started").contains(word.getString()), answer.body());
        }
        return answer;
    }

    /** The device's file system's sysupgrade, else combined/combined-efi, else sdcard. */
    private static ClientReads pick(List<ClientReads> images, String filesystem) {
        for (List<String> types : List.of(List.of("sysupgrade"), List.of("combined", "combined-efi"), List.of("sdcard"))) {
            for (ClientReads image : images) {
                if (types.contains(image.string("type")) && filesystem.equals(image.string("filesystem"))) {
                    return image;
                }
            }
        }
        throw new AssertionError("auc finds no image for " + filesystem + " in " + images);
    }
}

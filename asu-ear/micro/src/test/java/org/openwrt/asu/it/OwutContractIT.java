package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * owut's whole conversation, the ucode client of 24.10+, here an x86 EFI box on
 * 24.10.0 going to 24.10.2: {@code overview.json} (exactly 200), {@code profiles.json} and the
 * fail logs from the overview's {@code upstream_url}, both package indexes, the build POSTed
 * chunked with {@code User-Agent: owut/…}, a {@code packages_versions} map and a custom root file
 * system size, HEAD polls read through {@code X-Queue-Position}/{@code X-Imagebuilder-Status},
 * a GET once HEAD stops saying 202, the checks owut makes of the result (the body's integer
 * {@code status}, the {@code request} echo, {@code version_code}, every package at its announced
 * version in {@code manifest}) and the download. Also the errors it prints: body {@code status}
 * and {@code detail}.
 */
@AsuServer.Deployed
class OwutContractIT {

    private static final String VERSION = "24.10.2";
    private static final String TARGET = "x86/64";
    private static final String USER_AGENT = "owut/2025.04.01-r1";

    private ClientWire owut;

    /** What {@code owut check} collected: the upstream profile, the versions of both indexes, the server's limits. */
    private record Check(ClientReads profiles, ClientReads profile, Map<String, String> available, long maxRootfsSizeMb) {
    }

    @BeforeEach
    void router(@AsuServer.Synced URI base) {
        owut = new ClientWire("owut", base).header("User-Agent", USER_AGENT);
    }

    @Test
    void downloadBuildsWithPackageVersionsAndVerifiesTheResult() throws InterruptedException {
        Check check = check();
        Map<String, String> packagesVersions = new LinkedHashMap<>();
        // the router runs 24.10.0, whose package list upstream's 24.10.2 profiles.json stands in for
        for (String name : InstalledPackages.of(check.profiles().strings("default_packages"),
                check.profile().strings("device_packages"), "luci", "luci-app-attendedsysupgrade", "owut", "vim")) {
            String version = check.available().get(name);
            assertNotNull(version, "owut falls back to packages when " + name + " has no announced version");
            packagesVersions.put(name, version);
        }
        long rootfsSizeMb = Math.min(256, check.maxRootfsSizeMb());
        String versionCode = check.profiles().string("version_code");
        JsonObjectBuilder body = request(versionCode, packagesVersions).add("rootfs_size_mb", rootfsSizeMb);

        HttpResponse<String> answer = build(body.build().toString());
        assertEquals(200, answer.statusCode(), answer.body());
        ClientReads done = ClientReads.of("owut: 200 of the build", ClientWire.json(answer));
        assertEquals(200, done.integer("status"));
        owut.headMirrorsGet("/api/v1/build/" + done.string("request_hash"));
        ClientReads request = done.object("request"); // missing, it is a runtime error
        assertEquals(versionCode, request.string("version_code"));
        assertEquals(rootfsSizeMb, request.integer("rootfs_size_mb"));
        request.field("defaults", ValueType.STRING, ValueType.NULL);
        assertEquals(VERSION, done.string("version_number"));
        assertEquals(versionCode, done.string("version_code"), "owut refuses an image of another revision");
        done.string("build_at");
        done.array("build_cmd");
        Map<String, String> manifest = done.stringMap("manifest");
        packagesVersions.forEach((name, version) -> assertEquals(version, manifest.get(name),
                "owut refuses the image: " + name + " not as announced by the index"));

        // the image upstream profiles.json names for an EFI box, by type and file system
        ClientReads image = done.objects("images").stream()
                .filter(candidate -> "combined-efi".equals(candidate.string("type")) && "squashfs".equals(candidate.string("filesystem")))
                .findFirst().orElseThrow(() -> new AssertionError("owut: no squashfs combined-efi image in " + done));
        owut.download(done.string("bin_dir"), image);
    }

    @Test
    void errorsAreReadFromTheBodysIntegerStatusAndDetail() throws InterruptedException {
        Check check = check();
        Map<String, String> packagesVersions = Map.of("luci", check.available().get("luci"), "no-such-package", "1.0");
        HttpResponse<String> failed = build(request(check.profiles().string("version_code"), packagesVersions).build().toString());
        assertEquals(500, failed.statusCode(), failed.body());
        ClientReads error = ClientReads.of("owut: 500 of a failed build", ClientWire.json(failed));
        assertEquals(500, error.integer("status"));
        assertTrue(error.string("detail").contains("no-such-package"), error.toString());
        owut.headMirrorsGet("/api/v1/build/" + error.string("request_hash"));
        error.optional("error", ValueType.STRING);
        error.optional("stdout", ValueType.STRING);
        error.optional("stderr", ValueType.STRING);

        // owut --init-script: a uci-defaults script on a server that does not take them
        String withScript = request(check.profiles().string("version_code"), Map.of("luci", check.available().get("luci")))
                .add("defaults", "uci set system.@system[0].hostname=edge\nuci commit\n").build().toString();
        HttpResponse<String> refused = owut.postJson("/api/v1/build", withScript, ClientWire.Body.CHUNKED);
        assertEquals(400, refused.statusCode(), refused.body());
        ClientReads rejection = ClientReads.of("owut: 400", ClientWire.json(refused));
        assertEquals(400, rejection.integer("status"));
        assertFalse(rejection.string("detail").isBlank());
    }

    /** {@code owut check}: steps 1–4, in owut's order. */
    private Check check() {
        HttpResponse<String> answer = owut.get("/json/v1/overview.json");
        assertEquals(200, answer.statusCode(), "owut exits on anything but 200");
        ClientReads overview = ClientReads.of("owut: overview.json", ClientWire.json(answer));
        String upstream = overview.string("upstream_url");
        ClientReads server = overview.object("server");
        long maxRootfsSizeMb = server.integer("max_custom_rootfs_size_mb");
        server.integer("max_defaults_length");
        ClientReads branch = overview.object("branches").object("24.10");
        assertTrue(branch.bool("enabled"));
        String arch = branch.stringMap("targets").get(TARGET);
        assertNotNull(arch, branch.toString());
        assertTrue(branch.strings("versions").contains(VERSION), "owut lists the versions and exits: " + branch);
        branch.array("package_changes");
        String path = branch.string("path").replace("{version}", VERSION);

        ClientReads profiles = ClientReads.of("owut: upstream profiles.json",
                ClientWire.json(owut.get(upstream + "/" + path + "/targets/" + TARGET + "/profiles.json")));
        assertEquals(arch, profiles.string("arch_packages"));
        profiles.integer("source_date_epoch");
        ClientReads profile = profiles.object("profiles").object("generic");
        profile.string("image_prefix");
        for (ClientReads image : profile.objects("images")) {
            image.string("filesystem");
            image.string("type");
            image.string("name");
        }
        // no fail logs is the normal answer
        int failLogs = owut.get(upstream + "/releases/faillogs-24.10/" + arch + "/").statusCode();
        assertTrue(failLogs == 200 || failLogs == 404, "fail logs: " + failLogs);

        Map<String, String> available = new HashMap<>(ClientReads.of("owut: " + arch + "-index.json",
                ClientWire.json(owut.get("/json/v1/" + path + "/packages/" + arch + "-index.json"))).asStringMap());
        available.putAll(ClientReads.of("owut: target index.json",
                ClientWire.json(owut.get("/json/v1/" + path + "/targets/" + TARGET + "/index.json"))).stringMap("packages"));
        return new Check(profiles, profile, available, maxRootfsSizeMb);
    }

    private static JsonObjectBuilder request(String versionCode, Map<String, String> packagesVersions) {
        JsonObjectBuilder versions = Json.createObjectBuilder();
        packagesVersions.forEach(versions::add);
        return Json.createObjectBuilder().add("client", USER_AGENT).add("target", TARGET).add("profile", "generic")
                .add("version", VERSION).add("version_code", versionCode).add("filesystem", "squashfs")
                .add("diff_packages", true).add("packages_versions", versions);
    }

    /**
     * Steps 5–6: a chunked POST; then HEAD (first after 0.5 s, then every 2 s; faster here) while
     * it says 202, GET once it says anything else, or GET for good after a 405.
     */
    private HttpResponse<String> build(String body) throws InterruptedException {
        HttpResponse<String> answer = owut.postJson("/api/v1/build", body, ClientWire.Body.CHUNKED);
        ClientReads posted = ClientReads.of("owut: answer to the POST", ClientWire.json(answer));
        long status = posted.integer("status");
        assertEquals(answer.statusCode(), status, "owut drives its loop from the body's status");
        if (status != 202) {
            return answer;
        }
        String detail = posted.string("detail");
        assertTrue(Set.of("queued", "started").contains(detail), posted.toString());
        if (detail.equals("queued")) {
            posted.integer("queue_position");
        } else {
            posted.string("imagebuilder_status");
        }
        String hash = posted.string("request_hash");
        boolean head = true;
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            Thread.sleep(100);
            assertTrue(Instant.now().isBefore(deadline), "still building after 2 minutes");
            if (head) {
                HttpResponse<String> peek = owut.head("/api/v1/build/" + hash);
                if (peek.statusCode() == 202) {
                    peek.headers().firstValue("X-Queue-Position").ifPresent(position ->
                            assertTrue(position.matches("\\d+"), "X-Queue-Position " + position));
                    peek.headers().firstValue("X-Imagebuilder-Status").ifPresent(stage ->
                            assertFalse(stage.isBlank(), "X-Imagebuilder-Status"));
                    continue;
                }
                head = peek.statusCode() != 405;
            }
            answer = owut.get("/api/v1/build/" + hash);
            long polled = ClientReads.of("owut: GET of the build", ClientWire.json(answer)).integer("status");
            assertEquals(answer.statusCode(), polled, answer.body());
            if (polled != 202) {
                return answer;
            }
        }
    }
}

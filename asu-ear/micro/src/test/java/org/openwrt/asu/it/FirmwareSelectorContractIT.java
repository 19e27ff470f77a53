package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenWrt Firmware Selector's whole conversation: a page on another origin
 * reads the upstream mirror, then "Request build" POSTs its package box with
 * {@code diff_packages:true}, {@code defaults:""} and {@code client:"ofs/%GIT_VERSION%"}, polls
 * {@code GET /api/v1/build/{hash}} with a JSON content type (so every call is preflighted) and
 * turns the result into {@code /store/{bin_dir}/{name}} links. The metadata fields it reads are
 * checked in {@link MetadataApiIT}; here the build answers it renders, the links and the
 * failure it shows.
 */
@AsuServer.Deployed
class FirmwareSelectorContractIT {

    private static final String PAGE = "https://firmware-selector.openwrt.org";
    private static final String DEVICE = "tplink_archer-c7-v5";
    /** The progress words it has translations for; anything else shows as an untranslated key. */
    private static final Set<String> PROGRESS = Set.of("init", "queued", "started", "container_setup",
            "download_imagebuilder", "validate_revision", "validate_manifest", "unpack_imagebuilder",
            "calculate_packages_hash", "building_image", "signing_images");

    private URI base;
    private ClientWire selector;
    private String upstream;

    @BeforeEach
    void pageOnAnotherOrigin(@AsuServer.Synced URI base) {
        this.base = base;
        selector = new ClientWire("Firmware Selector", base).browserAt(PAGE);
        // config.js' image_url: the mirror the server itself builds from
        upstream = ClientWire.json(selector.get("/json/v1/overview.json")).getString("upstream_url");
    }

    @Test
    void requestBuildPollsUntilDoneAndLinksEveryImageOfTheStore() throws InterruptedException {
        String version = ClientReads.of("OFS: .versions.json", ClientWire.json(selector.get(upstream + "/.versions.json")))
                .string("stable_version");
        ClientReads profiles = ClientReads.of("OFS: profiles.json", ClientWire.json(
                selector.get(upstream + "/releases/" + version + "/targets/ath79/generic/profiles.json")));
        ClientReads device = profiles.object("profiles").object(DEVICE);

        // the package box: defaults, device packages, config.js' extras, then the user's edits
        List<String> packages = new ArrayList<>(profiles.strings("default_packages"));
        packages.addAll(device.strings("device_packages"));
        packages.addAll(List.of("luci", "luci-app-attendedsysupgrade", "-ppp", "-ppp-mod-pppoe", "tmux", "luci"));
        String body = Json.createObjectBuilder().add("profile", DEVICE).add("target", "ath79/generic")
                .add("packages", Json.createArrayBuilder(packages)).add("defaults", "")
                .add("version_code", profiles.string("version_code")).add("version", version)
                .add("diff_packages", true).add("client", "ofs/%GIT_VERSION%")
                .add("repositories", Json.createObjectBuilder()).add("repository_keys", Json.createArrayBuilder())
                .build().toString();

        ClientReads done = requestBuild(body);

        // the renderer it shares with profiles.json entries
        assertEquals(version, done.string("version_number"));
        assertEquals("ath79/generic", done.string("target"));
        assertFalse(done.array("titles").isEmpty(), "it maps over titles[]");
        for (ClientReads title : done.objects("titles")) {
            assertTrue(title.optional("title", ValueType.STRING) || title.has("model"), title.toString());
            title.optional("vendor", ValueType.STRING);
            title.optional("model", ValueType.STRING);
            title.optional("variant", ValueType.STRING);
        }
        done.optional("version_code", ValueType.STRING);
        done.optional("build_at", ValueType.STRING);
        assertTrue(done.has("build_cmd"), "build_cmd switches the heading to 'Custom Downloads'");
        ClientReads manifest = done.object("manifest");
        assertTrue(manifest.has("tmux") && manifest.has("luci-app-attendedsysupgrade"), manifest.toString());
        assertFalse(manifest.has("ppp") || manifest.has("ppp-mod-pppoe"), "the removals were honoured: " + manifest);
        if (done.has("stderr")) { // shown in a pane next to stdout
            done.string("stderr");
            done.string("stdout");
        }

        // the plain <a href> links: no script, no Origin
        ClientWire link = new ClientWire("Firmware Selector download link", base);
        String binDir = done.string("bin_dir");
        List<ClientReads> images = done.objects("images");
        assertFalse(images.isEmpty());
        for (ClientReads image : images) {
            image.string("type");
            link.download(binDir, image);
        }
    }

    @Test
    void aFailedBuildShowsItsDetailAndOutput() throws InterruptedException {
        String body = Json.createObjectBuilder().add("profile", DEVICE).add("target", "ath79/generic")
                .add("packages", Json.createArrayBuilder(List.of("luci", "luci-app-does-not-exist"))).add("defaults", "")
                .add("version_code", "").add("version", "24.10.2").add("diff_packages", false)
                .add("client", "ofs/%GIT_VERSION%").add("repositories", Json.createObjectBuilder())
                .add("repository_keys", Json.createArrayBuilder()).build().toString();
        selector.preflight("/api/v1/build", "POST");
        HttpResponse<String> answer = selector.postJson("/api/v1/build", body, ClientWire.Body.SIZED);
        Instant deadline = Instant.now().plusSeconds(90);
        while (answer.statusCode() == 202 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            answer = poll(ClientReads.of("OFS: 202", ClientWire.json(answer)).string("request_hash"));
        }
        assertEquals(500, answer.statusCode(), answer.body());
        ClientReads failed = ClientReads.of("OFS: 500 of a failed build", ClientWire.json(answer));
        assertTrue(failed.string("detail").contains("luci-app-does-not-exist"), failed.toString());
        failed.string("stderr");
        failed.string("stdout");

        // a uci-defaults script on a server that does not take them: refused at once, with the reason
        String withScript = body.replace("\"defaults\":\"\"", "\"defaults\":\"uci set system.@system[0].hostname=ap\"");
        HttpResponse<String> refused = selector.postJson("/api/v1/build", withScript, ClientWire.Body.SIZED);
        assertEquals(400, refused.statusCode(), refused.body());
        assertFalse(ClientReads.of("OFS: 400", ClientWire.json(refused)).string("detail").isBlank());
    }

    /** Step 5–7: POST once, then GET by hash while 202 (the selector waits 5 s; faster here). */
    private ClientReads requestBuild(String body) throws InterruptedException {
        selector.preflight("/api/v1/build", "POST");
        HttpResponse<String> answer = selector.postJson("/api/v1/build", body, ClientWire.Body.SIZED);
        Instant deadline = Instant.now().plusSeconds(120);
        while (answer.statusCode() == 202) {
            ClientReads progress = ClientReads.of("OFS: 202 of the build", ClientWire.json(answer));
            // progress text: imagebuilder_status, else detail; plus queue_position when truthy
            String shown = progress.optional("imagebuilder_status", ValueType.STRING)
                    ? progress.string("imagebuilder_status") : progress.string("detail");
            assertTrue(PROGRESS.contains(shown), "no translation for progress '" + shown + "': " + progress);
            progress.optional("queue_position", ValueType.NUMBER);
            String hash = progress.string("request_hash"); // without it, the selector POSTs again
            assertTrue(Instant.now().isBefore(deadline), "still building after 2 minutes: " + progress);
            Thread.sleep(250);
            answer = poll(hash);
        }
        assertEquals(200, answer.statusCode(), answer.body());
        return ClientReads.of("OFS: 200 of the build", ClientWire.json(answer));
    }

    private HttpResponse<String> poll(String hash) {
        selector.preflight("/api/v1/build/" + hash, "GET");
        return selector.get("/api/v1/build/" + hash, "Content-Type", "application/json");
    }
}

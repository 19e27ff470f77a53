package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.application.Branches;
import org.openwrt.asu.application.BuildCompletion;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.application.BuildPolicy;
import org.openwrt.asu.application.ImageBuilderInventory;
import org.openwrt.asu.application.ImageBuilderInventory.CachedImageBuilder;
import org.openwrt.asu.application.NodeRole;
import org.openwrt.asu.application.ServerNode;
import org.openwrt.asu.builder.imagebuilder.FileTree;
import org.openwrt.asu.builder.imagebuilder.ImageBuilderCache;
import org.openwrt.asu.builder.sandbox.Sandbox;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.Durations;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.store.LocalImageStore;
import org.openwrt.asu.infrastructure.redis.BuildErrorLog;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.testing.LocalRedis;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.upstream.MiniUpstream;
import org.openwrt.asu.upstream.UpstreamTree;
import org.openwrt.asu.upstream.UsignKey;
import redis.clients.jedis.RedisClient;

/**
 * The real recipe outside the server: real ImageBuilders from the miniature upstream over HTTP,
 * real make in the bubblewrap sandbox, a private redis-server.
 */
class BuildRecipeTest {

    private static final String TARGET_DIR = "releases/24.10.2/targets/ath79/generic";
    private static final String ARCHER_C7 = "tplink_archer-c7-v5";
    private static final RedisKeys KEYS = new RedisKeys("test:");
    private static final String VIM = """
            {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["vim"]}
            """;

    private static LocalRedis localRedis;
    private static RedisClient redis;
    private static MiniUpstream upstream;
    private static Path upstreamRoot;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        upstreamRoot = Path.of("target", "test-upstream").toAbsolutePath();
        UpstreamTree.generateIfMissing(upstreamRoot);
        upstream = MiniUpstream.start(upstreamRoot, 0);
        localRedis = LocalRedis.start();
        redis = localRedis.client();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        localRedis.close();
        upstream.close();
    }

    @Test
    void aRealDeviceWithExtraPackagesAndDefaultsIsBuiltCheckedAndStored() throws Exception {
        BuildRecipe recipe = recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0");
        String defaults = "uci set system.@system[0].hostname=asu-test\n";

        int downloadsBefore = upstream.requests("/" + TARGET_DIR + "/" + archiveName()).size();
        long firstStarted = System.nanoTime();
        Build build = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5",
                 "packages":["luci-app-attendedsysupgrade","vim","auc"],"defaults":%s}
                """.formatted(Json.createValue(defaults)));
        double firstSeconds = (System.nanoTime() - firstStarted) / 1e9;

        assertEquals(BuildStatus.DONE, build.status(), build.details().toString());
        JsonObject result = build.details();
        assertEquals("done", result.getString("detail"));
        assertEquals(ARCHER_C7, result.getString("id"));
        assertEquals(build.requestHash(), result.getString("bin_dir"));
        assertEquals("r28739-d9340319c6", result.getString("version_code"));
        assertFalse(result.containsKey("profiles"));
        assertTrue(result.getJsonObject("manifest").containsKey("vim"));
        assertTrue(result.getJsonObject("manifest").containsKey("owut"), "auc became owut on 24.10");
        assertEquals(List.of("luci-app-attendedsysupgrade", "vim", "owut"), strings(result, "build_cmd_packages"));
        List<String> buildCmd = strings(result, "build_cmd");
        assertEquals(List.of("make", "image", "PROFILE=" + ARCHER_C7, "PACKAGES=luci-app-attendedsysupgrade vim owut"),
                buildCmd.subList(0, 4));
        assertTrue(buildCmd.get(4).matches("EXTRA_IMAGE_NAME=[0-9a-f]{12}"), buildCmd.get(4));
        assertTrue(buildCmd.get(5).startsWith("BIN_DIR="));
        assertTrue(buildCmd.get(6).startsWith("FILES="));
        assertTrue(result.getString("build_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000000Z"));
        assertEquals(ARCHER_C7, result.getJsonObject("request").getString("profile"));
        assertTrue(result.getString("stdout").startsWith("Building images for ath79 - TP-Link Archer C7 v5"));

        JsonObject sysupgrade = result.getJsonArray("images").getValuesAs(JsonObject.class).stream()
                .filter(image -> image.getString("type").equals("sysupgrade")).findFirst().orElseThrow();
        Path image = dataDir.resolve("store").resolve(result.getString("bin_dir")).resolve(sysupgrade.getString("name"));
        assertEquals(sysupgrade.getString("sha256"), FileTree.sha256(image));
        List<String> contents = imageContents(image);
        assertTrue(contents.contains("usr/bin/vim"), contents.toString());
        assertTrue(contents.contains("www/luci-static/resources/view/attendedsysupgrade/overview.js"));
        assertTrue(contents.contains("etc/uci-defaults/99-asu-defaults"));
        assertFalse(Files.exists(dataDir.resolve("builds").resolve(build.requestHash())), "the work directory is gone");

        long secondStarted = System.nanoTime();
        Build second = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink,archer-c7-v5","packages":["tmux"]}
                """);
        double secondSeconds = (System.nanoTime() - secondStarted) / 1e9;
        assertEquals(BuildStatus.DONE, second.status(), second.details().toString());
        assertEquals(downloadsBefore + 1, upstream.requests("/" + TARGET_DIR + "/" + archiveName()).size(),
                "the ImageBuilder is downloaded once");

        Path imageBuilder = dataDir.resolve("imagebuilders/24.10.2/ath79-generic/imagebuilder");
        Path rawBin = Files.createTempDirectory(dataDir, "raw");
        long rawStarted = System.nanoTime();
        Process raw = new ProcessBuilder("make", "image", "PROFILE=" + ARCHER_C7, "PACKAGES=tmux", "BIN_DIR=" + rawBin,
                "IB_BUILD_SECONDS=0").directory(imageBuilder.toFile()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("raw.log").toFile()).start();
        assertTrue(raw.waitFor(2, TimeUnit.MINUTES));
        double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
        assertEquals(0, raw.exitValue(), Files.readString(dataDir.resolve("raw.log")));
        System.out.printf("TIMING first build (ImageBuilder download + build): %.2f s, second build: %.2f s, "
                + "raw make image: %.2f s (IB_BUILD_SECONDS=0)%n", firstSeconds, secondSeconds, rawSeconds);

        assertTrue(redis.keys("test:stats:builds:*").stream()
                .anyMatch(day -> redis.hget(day, "24.10.2:ath79/generic:" + ARCHER_C7) != null));
        assertTrue(redis.keys("test:stats:packages:24.10:*").stream().anyMatch(day -> redis.hget(day, "vim") != null));
    }

    @Test
    void ownFeedsAndKeysReachTheImageBuilderOfThatBuildOnly() throws Exception {
        BuildRecipe recipe = recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0");
        Path imageBuilder = dataDir.resolve("imagebuilders/24.10.2/ath79-generic/imagebuilder");
        String feed = upstream.url() + "/custom/mips_24kc/feed";
        String key = "RWSrHfFmlHslUcLbXFIRp+eEikWF9z1N77IJiX5Bt/nJd1a/x+L+SU89";

        Build before = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["vim"]}
                """);
        assertEquals(BuildStatus.DONE, before.status(), before.details().toString());
        String originalFeeds = Files.readString(imageBuilder.resolve("repositories.conf"));
        List<String> originalKeys = fileNames(imageBuilder.resolve("keys"));

        Build custom = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["tmux"],
                 "repositories":{"custom":"%s"},"repositories_mode":"append","repository_keys":["%s"]}
                """.formatted(feed, key));

        assertEquals(BuildStatus.DONE, custom.status(), custom.details().toString());
        assertTrue(custom.details().getString("stderr").contains("*** Failed to download the package list from " + feed
                + "/Packages.gz"), "the ImageBuilder read the merged feeds: " + custom.details().getString("stderr"));
        assertTrue(custom.details().getJsonObject("manifest").containsKey("tmux"), "appended: the upstream feeds still serve");
        assertEquals(originalFeeds, Files.readString(imageBuilder.resolve("repositories.conf")));
        assertEquals(originalKeys, fileNames(imageBuilder.resolve("keys")));
        assertFalse(originalKeys.contains("ab1df166947b2551"));

        Build after = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["curl"]}
                """);
        assertEquals(BuildStatus.DONE, after.status(), after.details().toString());
        assertFalse(after.details().getString("stderr").contains(feed), after.details().getString("stderr"));
    }

    @Test
    void theCacheListsItsImageBuildersAndAPurgedOneIsDownloadedAgain() throws Exception {
        ImageBuilderCache cache = imageBuilders(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0");
        BuildRecipe recipe = recipe(cache, List.of());
        assertEquals(List.of(), cache.list());
        int downloads = upstream.requests("/" + TARGET_DIR + "/" + archiveName()).size();
        Instant before = Instant.now().minusSeconds(1);
        assertEquals(BuildStatus.DONE, build(recipe, VIM).status());

        CachedImageBuilder cached = cache.list().get(0);
        assertEquals(List.of("24.10.2 ath79/generic"), cache.list().stream().map(entry -> entry.version() + " " + entry.target()).toList());
        assertTrue(cached.sizeBytes() > 100_000, "the extracted ImageBuilder's size: " + cached.sizeBytes());
        assertTrue(cached.refreshedAt().orElseThrow().isAfter(before), cached.toString());
        assertFalse(cached.inUse());
        assertEquals(Optional.empty(), cache.purge("24.10.2", "x86/64"), "not cached");

        ImageBuilderInventory.Purge purge = cache.purgeAll();
        assertEquals(List.of(cached), purge.purged());
        assertEquals(List.of(), purge.busy());
        assertEquals(List.of(), cache.list());
        assertFalse(Files.exists(dataDir.resolve("imagebuilders/24.10.2/ath79-generic/imagebuilder")));

        assertEquals(BuildStatus.DONE, build(recipe, VIM).status());
        assertEquals(downloads + 2, upstream.requests("/" + TARGET_DIR + "/" + archiveName()).size(),
                "downloaded again after the purge");
    }

    @Test
    void anImageBuildersSizeIsMeasuredAgainOnlyOnceABuildTouchedIt() throws Exception {
        ImageBuilderCache cache = imageBuilders(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0");
        BuildRecipe recipe = recipe(cache, List.of());
        assertEquals(BuildStatus.DONE, build(recipe, VIM).status());
        long measured = cache.list().get(0).sizeBytes();
        Files.write(dataDir.resolve("imagebuilders/24.10.2/ath79-generic/imagebuilder/extra"), new byte[10_000]);

        assertEquals(measured, cache.list().get(0).sizeBytes(), "remembered: the heartbeats list the cache every few seconds");
        assertEquals(BuildStatus.DONE, build(recipe, VIM.replace("vim", "tmux")).status());
        assertTrue(cache.list().get(0).sizeBytes() >= measured + 10_000, "measured again after the build: " + cache.list());
    }

    @Test
    void aFeedTheAllowListNoLongerCoversIsNotBuilt() throws Exception {
        BuildRecipe recipe = recipe(imageBuilders(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"),
                List.of("https://feed.example.org"));

        Build build = build(recipe, """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5",
                 "repositories":{"custom":"%s/custom/feed"}}
                """.formatted(upstream.url()));

        assertEquals(BuildStatus.FAILED, build.status());
        assertEquals("Error: Repository not allowed: " + upstream.url() + "/custom/feed", build.details().getString("detail"));
    }

    @Test
    void anUnknownPackageIsAClassifiedFailureWithTheLog() throws Exception {
        Build build = build(recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"), """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["no-such-package"]}
                """);

        assertEquals(BuildStatus.FAILED, build.status());
        assertEquals("Error: Impossible package selection: missing (no-such-package)", build.details().getString("detail"));
        assertTrue(build.details().getString("stderr").contains("Cannot install package no-such-package."));
        long ttl = redis.ttl("test:build:" + build.requestHash());
        assertTrue(ttl > 0 && ttl <= 3600, "failures are kept for the failure TTL: " + ttl);
        assertTrue(redis.lindex("test:build-errors", 0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                + "24\\.10\\.2:ath79/generic:tplink_archer-c7-v5 Impossible package selection: missing \\(no-such-package\\)"),
                "the failure is the newest line of the build error log: " + redis.lindex("test:build-errors", 0));
    }

    @Test
    void theEchoedRequestNamesThePackagesOfPackagesVersions() throws Exception {
        Build build = build(recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"), """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages_versions":{"vim":"0.0"}}
                """);

        assertEquals(BuildStatus.FAILED, build.status(), "no feed has vim 0.0");
        assertTrue(build.details().getString("detail").contains("vim version not as requested: 0.0"), build.details().toString());
        assertEquals("[\"vim\"]", build.echoedRequest().getJsonArray("packages").toString());
    }

    @Test
    void tooManyPackagesForTheFlashAreReportedAsSuch() throws Exception {
        Build build = build(recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"), """
                {"version":"24.10.2","target":"ath79/generic","profile":"adtran_bsap1840","packages":["samba4-server"]}
                """);

        assertEquals(BuildStatus.FAILED, build.status());
        assertEquals("Error: Selected packages exceed device storage", build.details().getString("detail"));
        assertTrue(build.details().getString("stderr").contains("is too big"));
    }

    @Test
    void aDifferentRevisionThanRequestedFails() throws Exception {
        Build build = build(recipe(upstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"), """
                {"version":"24.10.2","version_code":"r1-0000000000","target":"ath79/generic","profile":"tplink_archer-c7-v5"}
                """);

        assertEquals(BuildStatus.FAILED, build.status());
        assertEquals("Error: Received incorrect version r28739-d9340319c6 (requested r1-0000000000)",
                build.details().getString("detail"));
    }

    @Test
    void anImageBuilderNotMatchingItsChecksumIsNeverExtractedNorRun(@TempDir Path tampered) throws Exception {
        Path target = copyTarget(tampered);
        byte[] archive = Files.readAllBytes(target.resolve(archiveName()));
        archive[archive.length / 2] ^= 0x55;
        Files.write(target.resolve(archiveName()), archive);

        Build build = buildAgainst(tampered);

        assertEquals(BuildStatus.FAILED, build.status());
        assertTrue(build.details().getString("detail").matches("Error: Could not set up ImageBuilder: "
                + "openwrt-imagebuilder-\\S+ does not match its sha256sums entry .*"), build.details().getString("detail"));
        assertNeverExtracted();
    }

    @Test
    void sumsWithoutAValidSignatureAreNotTrusted(@TempDir Path tampered) throws Exception {
        Path target = copyTarget(tampered);
        Files.writeString(target.resolve("sha256sums"), "0".repeat(64) + " *openwrt-extra\n",
                java.nio.file.StandardOpenOption.APPEND);

        Build build = buildAgainst(tampered);

        assertEquals(BuildStatus.FAILED, build.status());
        assertTrue(build.details().getString("detail").startsWith("Error: Could not set up ImageBuilder: the signature of "),
                build.details().getString("detail"));
        assertNeverExtracted();
    }

    @Test
    void aBuildOverItsTimeIsKilledWithEverythingItStarted() throws Exception {
        Build build = build(recipe(upstream.url().toString(), "4s", "IB_BUILD_SECONDS=37"), """
                {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5","packages":["vim"]}
                """);

        assertEquals(BuildStatus.FAILED, build.status());
        assertEquals("Error: Build took longer than 4 seconds and was stopped", build.details().getString("detail"));
        Thread.sleep(500);
        assertTrue(ProcessHandle.allProcesses().noneMatch(process -> process.info().commandLine()
                .map(line -> line.contains("sleep 37") || line.contains(dataDir.toString())).orElse(false)),
                "no process of the build is left");
    }

    private BuildRecipe recipe(String upstreamUrl, String timeout, String environment) {
        return recipe(imageBuilders(upstreamUrl, timeout, environment), List.of(upstreamUrl + "/custom"));
    }

    private ImageBuilderCache imageBuilders(String upstreamUrl, String timeout, String environment) {
        Sandbox sandbox = new Sandbox("bwrap", Durations.parse(timeout), Optional.of(environment));
        UpstreamClient upstreamClient = new UpstreamClient(upstreamUrl, Duration.ofSeconds(10), Duration.ofSeconds(30));
        return new ImageBuilderCache(dataDir.toString(), upstreamClient, Durations.parse(timeout), sandbox, BuildMeter.NONE);
    }

    /** Wired as the container wires it, with the default result and failure TTLs. */
    private BuildRecipe recipe(ImageBuilderCache imageBuilders, List<String> repositoryAllowList) {
        BuildCompletion completion = new BuildCompletion(new BuildStore(redis, KEYS), new BuildStatistics(redis, KEYS),
                new BuildErrorLog(redis, KEYS), BuildMeter.NONE, new ServerNode(Optional.empty(), EnumSet.allOf(NodeRole.class)),
                Duration.ofDays(7), Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofHours(1));
        return new BuildRecipe(completion, Branches.of(MiniatureBranches.trusting(List.of(UsignKey.TEST.publicKey()))),
                imageBuilders, BuildPolicy.of(false, new BuildLimits(20480, 1024), repositoryAllowList),
                new LocalImageStore(dataDir.resolve("store")), dataDir.toString());
    }

    /** Accepts the request as the API does, then runs the recipe as the builder does. */
    private static Build build(BuildRecipe recipe, String body) {
        BuildRequest request = new BuildRequestReader(new BuildLimits(20480, 1024))
                .read(Json.createReader(new StringReader(body)).readValue());
        String hash = RequestHash.of(request);
        BuildStore store = new BuildStore(redis, KEYS);
        redis.del("test:build:" + hash);
        store.enqueue(hash, request.toJson(), Instant.now());
        recipe.build(hash);
        return store.find(hash).orElseThrow();
    }

    private Build buildAgainst(Path tamperedRoot) throws Exception {
        try (MiniUpstream tamperedUpstream = MiniUpstream.start(tamperedRoot, 0)) {
            return build(recipe(tamperedUpstream.url().toString(), "2m", "IB_BUILD_SECONDS=0"), """
                    {"version":"24.10.2","target":"ath79/generic","profile":"tplink_archer-c7-v5"}
                    """);
        }
    }

    private void assertNeverExtracted() {
        Path cache = dataDir.resolve("imagebuilders/24.10.2/ath79-generic");
        assertFalse(Files.exists(cache.resolve("imagebuilder")));
        assertFalse(Files.exists(cache.resolve("imagebuilder.new")));
        assertFalse(Files.exists(cache.resolve(archiveName())));
    }

    private static Path copyTarget(Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve(TARGET_DIR));
        for (String name : List.of("sha256sums", "sha256sums.sig", archiveName())) {
            Files.copy(upstreamRoot.resolve(TARGET_DIR).resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String archiveName() {
        return "openwrt-imagebuilder-24.10.2-ath79-generic.Linux-x86_64.tar.zst";
    }

    private static List<String> fileNames(Path directory) throws Exception {
        try (var entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The paths in a squashfs image (or the tar a host without mksquashfs gets). */
    private static List<String> imageContents(Path image) throws Exception {
        boolean squashfs = new String(Files.readAllBytes(image), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("hsqs");
        Process list = new ProcessBuilder(squashfs ? List.of("unsquashfs", "-l", "-d", "", image.toString())
                : List.of("tar", "-tf", image.toString())).redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        return out.lines().map(line -> line.replaceFirst("^\\./|^/", "")).filter(line -> !line.isEmpty()).toList();
    }
}

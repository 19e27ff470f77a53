package org.openwrt.asu.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageBuilders of the generated archives, driven with real make as the server drives them. */
class ImageBuilderTest {

    private static final String ARCHER_C7 = "tplink_archer-c7-v5";

    @TempDir
    static Path builders;

    private static ImageBuilder release24;
    private static ImageBuilder snapshot;
    private static ImageBuilder x86Release23;

    @TempDir
    Path binDir;

    @BeforeAll
    static void extractArchives() throws Exception {
        release24 = ImageBuilder.extract("24.10.2", "ath79/generic", builders.resolve("24.10.2"));
        snapshot = ImageBuilder.extract("SNAPSHOT", "ath79/generic", builders.resolve("snapshot"));
        x86Release23 = ImageBuilder.extract("23.05.4", "x86/64", builders.resolve("23.05.4-x86"));
    }

    @Test
    void makeInfoPrintsTargetRevisionDefaultsAndEveryProfile() throws Exception {
        ImageBuilder.Result info = release24.make("info");

        assertEquals(0, info.exitCode(), info.stderr());
        Map<String, String> header = new HashMap<>();
        Map<String, List<String>> profiles = new HashMap<>();
        String profile = null;
        for (String line : ImageBuilder.lines(info.stdout())) {
            if (line.matches("[\\w.-]+:")) {
                profile = line.substring(0, line.length() - 1);
                profiles.put(profile, new ArrayList<>());
            } else if (profile != null) {
                profiles.get(profile).add(line);
            } else if (line.contains(": ")) {
                header.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(": ") + 2));
            }
        }
        assertEquals("\"ath79/generic\"", header.get("Current Target"));
        assertEquals("\"mips\"", header.get("Current Architecture"));
        assertEquals("\"r28739-d9340319c6\"", header.get("Current Revision"));
        assertEquals(List.of(header.get("Default Packages").split(" ")).stream().sorted().toList(),
                profilesJson("24.10.2", "ath79/generic").getJsonArray("default_packages")
                        .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(349, profiles.size());
        assertEquals(List.of("    TP-Link Archer C7 v5",
                "    Packages: kmod-usb2 kmod-usb-ledtrig-usbport kmod-ath10k-ct ath10k-firmware-qca988x-ct",
                "    hasImageMetadata: 1",
                "    SupportedDevices: tplink,archer-c7-v5 archer-c7-v5"), profiles.get(ARCHER_C7));
    }

    @Test
    void manifestListsDefaultAndDevicePackagesWithTheirDependencies() throws Exception {
        ImageBuilder.Result manifest = release24.make("manifest", "PROFILE=" + ARCHER_C7, "STRIP_ABI=1");

        assertEquals(0, manifest.exitCode(), manifest.stderr());
        Map<String, String> packages = parseManifest(manifest.stdout(), " - ");
        assertEquals("6.6.93+6.12.6-1", packages.get("kmod-ath10k-ct"));
        assertTrue(packages.containsKey("kmod-mac80211"), "dependency of kmod-ath10k-ct");
        assertTrue(packages.containsKey("kmod-cfg80211"), "dependency of kmod-mac80211");
        assertTrue(packages.containsKey("busybox"), "pulled in by base-files");
        assertTrue(packages.containsKey("libubox"), "ABI suffix stripped");
        assertEquals("1567-r28739-d9340319c6", packages.get("base-files"));
        assertTrue(packages.get("kernel").startsWith("6.6.93-1-"));
        assertEquals(packages.keySet().stream().sorted().toList(), List.copyOf(packages.keySet()));
    }

    @Test
    void manifestKeepsAbiSuffixesWithoutStripAbi() throws Exception {
        ImageBuilder.Result manifest = release24.make("manifest", "PROFILE=" + ARCHER_C7);

        Map<String, String> packages = parseManifest(manifest.stdout(), " - ");
        assertTrue(packages.containsKey("libubox20240329"));
        assertFalse(packages.containsKey("libubox"));
    }

    @Test
    void removingPppKeepsItWhileThePppoePluginNeedsIt() throws Exception {
        Map<String, String> packages = parseManifest(release24.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=-ppp", "STRIP_ABI=1").stdout(), " - ");

        assertTrue(packages.containsKey("ppp"), "the solver pulls a removed dependency back in");
        assertTrue(packages.containsKey("ppp-mod-pppoe"));
    }

    @Test
    void removingPppAndItsPluginDropsWhatOnlyTheyPulledIn() throws Exception {
        Map<String, String> packages = parseManifest(release24.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=-ppp -ppp-mod-pppoe", "STRIP_ABI=1").stdout(), " - ");

        for (String gone : List.of("ppp", "ppp-mod-pppoe", "kmod-ppp", "kmod-pppoe", "kmod-pppox",
                "kmod-slhc", "kmod-lib-crc-ccitt")) {
            assertFalse(packages.containsKey(gone), gone);
        }
        assertTrue(packages.containsKey("dnsmasq"));
    }

    @Test
    void unknownPackagePrintsOpkgText() throws Exception {
        ImageBuilder.Result result = release24.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=luci no-such-package", "STRIP_ABI=1");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("Collected errors:\n"
                + " * opkg_install_cmd: Cannot install package no-such-package.\n"), result.stderr());
        assertTrue(result.stderr().contains("make[2]: *** [Makefile:"), result.stderr());
        assertTrue(result.stderr().contains("package_install] Error 255"), result.stderr());
    }

    @Test
    void unknownPackagePrintsApkText() throws Exception {
        ImageBuilder.Result result = snapshot.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=no-such-package", "STRIP_ABI=1");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("ERROR: unable to select packages:\n"
                + "  no-such-package (no such package):\n"
                + "    required by: world[no-such-package]\n"), result.stderr());
        assertTrue(result.stderr().contains("package_install] Error 1"), result.stderr());
    }

    @Test
    void apkManifestSeparatesNameAndVersionWithASpace() throws Exception {
        ImageBuilder.Result manifest = snapshot.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=owut", "STRIP_ABI=1");

        assertEquals(0, manifest.exitCode(), manifest.stderr());
        assertFalse(manifest.stdout().contains(" - "));
        Map<String, String> packages = parseManifest(manifest.stdout(), " ");
        assertTrue(packages.containsKey("apk-mbedtls"));
        assertTrue(packages.containsKey("owut"));
        assertTrue(packages.containsKey("libubox"));
        assertEquals("1.36.1-r2", packages.get("busybox"));
    }

    @Test
    void conflictingVariantsAreReportedWithOpkgText() throws Exception {
        ImageBuilder.Result result = release24.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=wpad-mbedtls");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains(
                " * check_conflicts_for: The following packages conflict with wpad-basic-mbedtls:\n"),
                result.stderr());
    }

    @Test
    void clashingFilesAreReportedWithApkText() throws Exception {
        ImageBuilder.Result result = snapshot.make("manifest", "PROFILE=" + ARCHER_C7,
                "PACKAGES=dnsmasq-full");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().matches("(?s)ERROR: dnsmasq-\\S+: trying to overwrite usr/sbin/dnsmasq "
                + "owned by dnsmasq-full-\\S+\\.\n.*"), result.stderr());
    }

    @Test
    void unknownProfileFailsWithTheRealText() throws Exception {
        ImageBuilder.Result result = release24.make("image", "PROFILE=no_such_device");

        assertNotEquals(0, result.exitCode());
        assertEquals("Profile \"no_such_device\" does not exist!\n"
                + "Use \"make info\" to get a list of available profile names.\n", result.stdout());
        assertTrue(result.stderr().contains("_check_profile] Error 1"), result.stderr());
    }

    @Test
    void imageWithFilesOverlayContainsThePackagesAndTheDefaultsScript(@TempDir Path files) throws Exception {
        Path defaults = Files.createDirectories(files.resolve("etc/uci-defaults")).resolve("99-asu-defaults");
        Files.writeString(defaults, "uci set system.@system[0].hostname=asu\n");

        ImageBuilder.Result result = release24.make("image", "PROFILE=" + ARCHER_C7,
                "PACKAGES=luci-app-attendedsysupgrade vim", "FILES=" + files,
                "BIN_DIR=" + binDir, "EXTRA_IMAGE_NAME=4fd3e7404a80", "DISABLED_SERVICES=dropbear");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("Building images for ath79 - TP-Link Archer C7 v5\n"
                + "Packages: luci-app-attendedsysupgrade vim "), result.stdout());
        assertTrue(result.stdout().contains("Disabling dropbear\n"));
        String name = "openwrt-24.10.2-4fd3e7404a80-ath79-generic-" + ARCHER_C7 + "-squashfs-sysupgrade.bin";
        Path image = binDir.resolve(name);
        assertTrue(Files.isRegularFile(image));
        JsonObject built = jsonObject(Files.readString(binDir.resolve("profiles.json")))
                .getJsonObject("profiles").getJsonObject(ARCHER_C7);
        assertEquals("openwrt-24.10.2-4fd3e7404a80-ath79-generic-" + ARCHER_C7, built.getString("image_prefix"));
        JsonObject sysupgrade = images(built).get("sysupgrade");
        assertEquals(name, sysupgrade.getString("name"));
        assertEquals(UpstreamTree.sha256(Files.readAllBytes(image)), sysupgrade.getString("sha256"));
        assertTrue(Files.readString(binDir.resolve("sha256sums"))
                .contains(sysupgrade.getString("sha256") + " *" + name + "\n"));
        assertTrue(Files.readString(binDir.resolve("openwrt-24.10.2-4fd3e7404a80-ath79-generic-"
                + ARCHER_C7 + ".manifest")).contains("\nvim - 9.1-2\n"));

        List<String> contents = ImageBuilder.imageContents(image);
        assertTrue(contents.contains("etc/uci-defaults/99-asu-defaults"), contents.toString());
        assertTrue(contents.contains("usr/bin/vim"));
        assertTrue(contents.contains("www/luci-static/resources/view/attendedsysupgrade/overview.js"));
        assertTrue(contents.contains("usr/lib/opkg/status"));
        assertTrue(contents.contains("etc/rc.d/S19firewall"));
        assertFalse(contents.stream().anyMatch(path -> path.startsWith("etc/rc.d/") && path.endsWith("dropbear")));
        assertNothingLeftBehind(release24);
    }

    @Test
    void tooBigImageExitsZeroAndIsLeftOutOfBinDirAndProfilesJson() throws Exception {
        ImageBuilder.Result result = release24.make("image", "PROFILE=adtran_bsap1840",
                "PACKAGES=samba4-server", "BIN_DIR=" + binDir);

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().matches("(?s)WARNING: Image file \\S+/openwrt-24.10.2-ath79-generic-"
                + "adtran_bsap1840-squashfs-sysupgrade.bin is too big: \\d+ > 16252928\n"), result.stderr());
        try (Stream<Path> files = Files.list(binDir)) {
            assertTrue(files.noneMatch(file -> file.toString().endsWith("sysupgrade.bin")));
        }
        Map<String, JsonObject> images = images(jsonObject(Files.readString(binDir.resolve("profiles.json")))
                .getJsonObject("profiles").getJsonObject("adtran_bsap1840"));
        assertFalse(images.containsKey("sysupgrade"));
        assertTrue(images.containsKey("rootfs"), "images without a size check are still built");
        assertNothingLeftBehind(release24);
    }

    @Test
    void smallRootPartitionRunsOutOfSpace() throws Exception {
        ImageBuilder.Result result = x86Release23.make("image", "PROFILE=generic", "PACKAGES=luci",
                "BIN_DIR=" + binDir, "ROOTFS_PARTSIZE=8");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().matches("(?s)error: ext4_allocate_best_fit_partial: failed to allocate "
                + "\\d+ blocks, out of space\\?\nmake\\[3\\]: \\*\\*\\* \\[\\S+/include/image\\.mk:\\d+: "
                + "\\S+/root\\.ext4\\] Error 1\n.*"), result.stderr());
    }

    @Test
    void rootfsFilesystemSelectsTheImages() throws Exception {
        ImageBuilder.Result result = x86Release23.make("image", "PROFILE=generic", "BIN_DIR=" + binDir,
                "ROOTFS_FILESYSTEM=squashfs", "ROOTFS_PARTSIZE=8");

        assertEquals(0, result.exitCode(), result.stderr());
        try (Stream<Path> files = Files.list(binDir)) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("openwrt-23.05.4-x86-64-generic-squashfs-combined-efi.img.gz"), names.toString());
            assertTrue(names.stream().noneMatch(file -> file.contains("ext4")), names.toString());
        }
    }

    @Test
    void branchSnapshotBuildsImagesNamedAfterItsVersion() throws Exception {
        ImageBuilder nightly = ImageBuilder.extract("24.10-SNAPSHOT", "ath79/generic", builders.resolve("24.10-SNAPSHOT"));
        ImageBuilder.Result info = nightly.make("info");
        assertTrue(info.stdout().contains("Current Revision: \"r28862-5e0f2b3c71\""), info.stdout());

        ImageBuilder.Result result = nightly.make("image", "PROFILE=" + ARCHER_C7, "PACKAGES=vim", "BIN_DIR=" + binDir);

        assertEquals(0, result.exitCode(), result.stderr());
        try (Stream<Path> files = Files.list(binDir)) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("openwrt-24.10-SNAPSHOT-ath79-generic-" + ARCHER_C7 + "-squashfs-sysupgrade.bin"),
                    names.toString());
        }
    }

    @Test
    void imageTakesTheConfiguredBuildTime() throws Exception {
        long started = System.nanoTime();
        ImageBuilder.Result result = release24.make("image", "PROFILE=" + ARCHER_C7, "BIN_DIR=" + binDir,
                "IB_BUILD_SECONDS=2");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(System.nanoTime() - started >= 2_000_000_000L);
    }

    @Test
    void whatdependsListsReverseDependencies() throws Exception {
        ImageBuilder.Result result = release24.make("package_whatdepends", "PACKAGE=libuci");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().startsWith("Root set:\n  libuci20250120\nWhat depends on root set\n"));
        assertTrue(result.stdout().contains("\tuci 2025-01-20-16ff0bad-1\tdepends on libuci20250120\n"));
    }

    private static void assertNothingLeftBehind(ImageBuilder builder) throws Exception {
        try (Stream<Path> walk = Files.walk(builder.directory().resolve("build_dir"));
             Stream<Path> tmp = Files.list(builder.directory().resolve("tmp"))) {
            assertEquals(List.of(), walk.filter(Files::isRegularFile).toList());
            assertEquals(List.of(), tmp.toList());
        }
    }

    private static Map<String, String> parseManifest(String text, String separator) {
        Map<String, String> packages = new LinkedHashMap<>();
        for (String line : ImageBuilder.lines(text)) {
            int at = line.indexOf(separator);
            packages.put(line.substring(0, at), line.substring(at + separator.length()));
        }
        return packages;
    }

    private static Map<String, JsonObject> images(JsonObject profile) {
        Map<String, JsonObject> byType = new HashMap<>();
        for (JsonValue image : profile.getJsonArray("images")) {
            byType.put(image.asJsonObject().getString("type"), image.asJsonObject());
        }
        return byType;
    }

    static JsonObject profilesJson(String version, String target) throws Exception {
        Release release = Release.ALL.stream().filter(r -> r.versionNumber().equals(version)).findFirst().orElseThrow();
        return jsonObject(Files.readString(GeneratedTree.root().resolve(release.path()).resolve("targets")
                .resolve(target).resolve("profiles.json")));
    }

    static JsonObject jsonObject(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

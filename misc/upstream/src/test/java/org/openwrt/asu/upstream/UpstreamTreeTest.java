package org.openwrt.asu.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download server tree: layout, real device data, feeds, checksums, reproducibility. */
class UpstreamTreeTest {

    private final Path root = GeneratedTree.root();

    @Test
    void versionsCatalogueNamesTheReleases() throws Exception {
        JsonObject versions = ImageBuilderTest.jsonObject(Files.readString(root.resolve(".versions.json")));

        assertEquals("24.10.2", versions.getString("stable_version"));
        assertEquals("23.05.4", versions.getString("oldstable_version"));
        assertEquals("", versions.getString("upcoming_version"));
        assertEquals(List.of("24.10.2", "23.05.4"), versions.getJsonArray("versions_list")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    @Test
    void everyVersionListsItsTargetsWithTheirArchitectures() throws Exception {
        for (String path : List.of("releases/23.05.4", "releases/24.10.2", "releases/24.10-SNAPSHOT", "snapshots")) {
            JsonObject targets = ImageBuilderTest.jsonObject(Files.readString(root.resolve(path).resolve(".targets.json")));
            assertEquals(ImageBuilderTest.jsonObject("{\"ath79/generic\":\"mips_24kc\",\"ramips/mt7621\":\"mipsel_24kc\","
                    + "\"mediatek/filogic\":\"aarch64_cortex-a53\",\"x86/64\":\"x86_64\"}"), targets);
            JsonObject overview = ImageBuilderTest.jsonObject(Files.readString(root.resolve(path).resolve(".overview.json")));
            assertEquals(349 + 237 + 52 + 1, overview.getJsonArray("profiles").size());
        }
    }

    @Test
    void branchSnapshotHasItsOwnRevisionAndFeedsAndIsNotInTheCatalogue() throws Exception {
        JsonObject profiles = ImageBuilderTest.profilesJson("24.10-SNAPSHOT", "ath79/generic");
        assertEquals("24.10-SNAPSHOT", profiles.getString("version_number"));
        assertEquals("r28862-5e0f2b3c71", profiles.getString("version_code"));
        assertEquals("openwrt-24.10-SNAPSHOT-ath79-generic-tplink_archer-c7-v5", profiles.getJsonObject("profiles")
                .getJsonObject("tplink_archer-c7-v5").getString("image_prefix"));
        Path feeds = root.resolve("releases/24.10-SNAPSHOT/packages");
        assertFalse(Files.isSymbolicLink(feeds), "a nightly does not share its releases' feeds");
        assertTrue(Files.isRegularFile(feeds.resolve("mips_24kc/feeds.conf")));
        assertTrue(Files.readString(root.resolve("releases/24.10-SNAPSHOT/targets/ath79/generic/packages/Packages"))
                .contains("Version: 1569-r28862-5e0f2b3c71"));
        assertTrue(Files.isRegularFile(root.resolve("releases/24.10-SNAPSHOT/targets/ath79/generic/kmods/"
                + profiles.getJsonObject("linux_kernel").getString("version") + "-1-"
                + profiles.getJsonObject("linux_kernel").getString("vermagic") + "/index.json")));
        assertFalse(Files.readString(root.resolve(".versions.json")).contains("SNAPSHOT"));
    }

    @Test
    void profilesCarryEveryRealDeviceInEachReleasesSpelling() throws Exception {
        Map<String, Integer> devices = Map.of("ath79/generic", 349, "ramips/mt7621", 237,
                "mediatek/filogic", 52, "x86/64", 1);
        for (var entry : devices.entrySet()) {
            assertEquals(entry.getValue(), ImageBuilderTest.profilesJson("24.10.2", entry.getKey())
                    .getJsonObject("profiles").size(), entry.getKey());
        }
        JsonObject release = ImageBuilderTest.profilesJson("24.10.2", "ath79/generic");
        JsonObject archer = release.getJsonObject("profiles").getJsonObject("tplink_archer-c7-v5");
        assertEquals("r28739-d9340319c6", release.getString("version_code"));
        assertEquals("openwrt-24.10.2-ath79-generic-tplink_archer-c7-v5", archer.getString("image_prefix"));
        assertEquals("[\"tplink,archer-c7-v5\",\"archer-c7-v5\"]", archer.getJsonArray("supported_devices").toString());
        assertTrue(release.containsKey("linux_kernel"));
        assertFalse(release.getJsonArray("default_packages").toString().contains("\"busybox\""));

        JsonObject snapshot = ImageBuilderTest.profilesJson("SNAPSHOT", "ath79/generic");
        assertEquals("openwrt-ath79-generic-tplink_archer-c7-v5", snapshot.getJsonObject("profiles")
                .getJsonObject("tplink_archer-c7-v5").getString("image_prefix"));
        assertTrue(snapshot.getJsonArray("default_packages").toString().contains("\"apk-mbedtls\""));

    }

    @Test
    void sourceReleaseProfilesAreTheRealFilesByteForByte() throws Exception {
        for (String target : UpstreamTree.targets()) {
            try (InputStream real = TargetProfiles.class.getResourceAsStream("profiles/" + target + "/profiles.json")) {
                assertArrayEquals(real.readAllBytes(), Files.readAllBytes(
                        root.resolve("releases/23.05.4/targets").resolve(target).resolve("profiles.json")), target);
            }
        }
    }

    @Test
    void kmodsDirectoryIsNamedAfterTheLinuxKernelOfProfiles() throws Exception {
        JsonObject kernel = ImageBuilderTest.profilesJson("24.10.2", "ath79/generic").getJsonObject("linux_kernel");
        String name = kernel.getString("version") + "-" + kernel.getString("release") + "-" + kernel.getString("vermagic");
        Path kmods = root.resolve("releases/24.10.2/targets/ath79/generic/kmods").resolve(name);

        assertTrue(Files.readString(kmods.resolve("Packages")).contains("Package: kmod-ath10k-ct\n"));
        assertFalse(Files.readString(root.resolve("releases/24.10.2/targets/ath79/generic/packages/Packages"))
                .contains("Package: kmod-"));
        assertTrue(Files.readString(root.resolve("releases/23.05.4/targets/ath79/generic/packages/Packages"))
                .contains("Package: kmod-ath10k-ct\n"), "kmods live in packages/ before the split");
    }

    @Test
    void opkgFeedsHaveIndexesWithAbiVersionsAndSharedBranchDirectory() throws Exception {
        Path base = root.resolve("releases/24.10.2/packages/mips_24kc/base");

        assertTrue(Files.isSymbolicLink(root.resolve("releases/24.10.2/packages")));
        assertTrue(Files.readString(base.resolve("Packages")).contains(
                "Package: libubox20240329\nVersion: 2024-12-19-6339204c-1\nDepends: libc\nProvides: libubox\n"));
        assertTrue(Files.readString(base.resolve("index.json")).contains("\"libubox20240329\": \"2024-12-19-6339204c-1\""));
        assertTrue(Files.readString(base.resolve("Packages.manifest")).contains("SourceDateEpoch: 1750711236\n"));
        assertTrue(Files.readString(base.getParent().resolve("feeds.conf")).startsWith("src-git --root=package base "));
    }

    @Test
    void snapshotFeedsPublishIndexVersion2WithoutAbiSuffixes() throws Exception {
        JsonObject index = ImageBuilderTest.jsonObject(Files.readString(root.resolve("snapshots/packages/mips_24kc/base/index.json")));

        assertEquals(2, index.getInt("version"));
        assertEquals("mips_24kc", index.getString("architecture"));
        assertEquals("2024.12.19~6339204c-r1", index.getJsonObject("packages").getString("libubox"));
        assertFalse(index.getJsonObject("packages").containsKey("opkg"));
    }

    @Test
    void targetChecksumsCoverTheImageBuilderArchiveAndTheFeeds() throws Exception {
        Path target = root.resolve("releases/24.10.2/targets/ath79/generic");
        String sums = Files.readString(target.resolve("sha256sums"));
        String archive = "openwrt-imagebuilder-24.10.2-ath79-generic.Linux-x86_64.tar.zst";

        assertTrue(sums.contains(UpstreamTree.sha256(Files.readAllBytes(target.resolve(archive))) + " *" + archive + "\n"));
        assertTrue(sums.contains(" *packages/Packages.gz\n"));
        assertTrue(sums.contains(" *profiles.json\n"));
        assertTrue(Files.exists(root.resolve("releases/23.05.4/targets/x86/64/openwrt-imagebuilder-23.05.4-x86-64.Linux-x86_64.tar.xz")));
        assertTrue(Files.exists(root.resolve("snapshots/targets/mediatek/filogic/openwrt-imagebuilder-mediatek-filogic.Linux-x86_64.tar.zst")));
    }

    @Test
    void generationIsSmallAndReproducible(@TempDir Path second) throws Exception {
        // how long it takes is no test's business (a loaded machine is slow); it is small and the same each time
        UpstreamTree.generate(second);

        assertTrue(treeSize(second) < 50L * 1024 * 1024);
        assertEquals(fingerprints(root), fingerprints(second));
    }

    private static long treeSize(Path directory) throws Exception {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static Map<String, String> fingerprints(Path directory) throws Exception {
        var fingerprints = new TreeMap<String, String>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.toList()) {
                String key = directory.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    fingerprints.put(key, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    fingerprints.put(key, UpstreamTree.sha256(Files.readAllBytes(path))
                            + " " + Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return fingerprints;
    }
}

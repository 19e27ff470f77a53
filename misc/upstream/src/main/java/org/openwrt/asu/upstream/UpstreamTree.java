package org.openwrt.asu.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the miniature download server tree, laid out as downloads.openwrt.org: {@code /.versions.json}; per
 * version {@code .targets.json}, {@code .overview.json} and per target {@code profiles.json},
 * the core and kmods feeds, the ImageBuilder archive, {@code sha256sums} and its usign
 * signature; per architecture the package feeds. Same code, same bytes: every timestamp is the
 * release's {@code SOURCE_DATE_EPOCH} and the signing key is {@link UsignKey#TEST}.
 */
public final class UpstreamTree {

    private static final List<String> ARCH_FEEDS = List.of("base", "luci", "packages", "routing",
            "telephony");

    private final Path root;
    private final PackageCatalog catalog = PackageCatalog.load();
    private final Map<Target, TargetProfiles> profiles = new LinkedHashMap<>();

    private UpstreamTree(Path root) {
        this.root = root;
        Target.ALL.forEach(target -> profiles.put(target, TargetProfiles.load(target)));
    }

    /** Writes the whole tree into {@code directory}, which must be empty or missing. */
    public static void generate(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IOException(directory + " is not empty");
            }
        }
        new UpstreamTree(directory).write();
    }

    /**
     * Generates the tree unless {@code directory} already holds one, and writes the public key
     * next to it ({@link #publicKeyFile(Path)}). Returns the directory.
     */
    public static Path generateIfMissing(Path directory) throws IOException {
        if (!Files.exists(directory.resolve(".versions.json"))) {
            generate(directory);
        }
        Files.writeString(publicKeyFile(directory), UsignKey.TEST.publicKeyFile());
        return directory;
    }

    /** Where {@link #generateIfMissing(Path)} puts the usign public key: {@code <directory>.pub}. */
    public static Path publicKeyFile(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".pub");
    }

    /** The versions the tree holds: per branch newest first (releases, then the branch snapshot), then SNAPSHOT. */
    public static List<String> versions() {
        return Release.ALL.stream().map(Release::versionNumber).toList();
    }

    /** The targets every version holds, as {@code <target>/<subtarget>}. */
    public static List<String> targets() {
        return Target.ALL.stream().map(Target::name).toList();
    }

    private void write() throws IOException {
        for (Release release : Release.ALL) {
            for (Target target : Target.ALL) {
                writeTarget(release, target);
            }
            writeVersionCatalogue(release);
        }
        writeVersions();
    }

    /** Only the generated releases are listed (snapshots never are), so that every listed version can be browsed. */
    private void writeVersions() throws IOException {
        List<Release> releases = Release.ALL.stream().filter(Release::isRelease).toList();
        Release stable = releases.get(0);
        Release oldstable = releases.get(1);
        String list = releases.stream().map(r -> "\"" + r.versionNumber() + "\"")
                .collect(Collectors.joining(","));
        String text = "{\n"
                + "\"stable_version\": \"" + stable.versionNumber() + "\",\n"
                + "\"oldstable_version\": \"" + oldstable.versionNumber() + "\",\n"
                + "\"upcoming_version\": \"\",\n"
                + "\"versions_list\": [" + list + "]\n"
                + "}\n";
        write(".versions.json", text, stable.sourceDateEpoch());
    }

    private void writeVersionCatalogue(Release release) throws IOException {
        var targets = new LinkedHashMap<String, Object>();
        var overview = new ArrayList<Object>();
        for (Target target : Target.ALL) {
            targets.put(target.name(), target.archPackages());
            for (TargetProfiles.Device device : profiles.get(target).devices()) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("id", device.id());
                entry.put("titles", device.titles());
                entry.put("target", target.name());
                overview.add(entry);
            }
        }
        var overviewJson = new LinkedHashMap<String, Object>();
        overviewJson.put("release", release.versionNumber());
        overviewJson.put("profiles", overview);
        long epoch = release.sourceDateEpoch();
        write(release.path() + "/.targets.json", Json.pretty(targets), epoch);
        write(release.path() + "/.overview.json", Json.pretty(overviewJson), epoch);
        if (release.isRelease()) {
            // every release of a branch shares the branch's arch feeds
            Path link = root.resolve(release.path()).resolve("packages");
            Files.createSymbolicLink(link, Path.of("../packages-" + release.branch()));
        }
    }

    private void writeTarget(Release release, Target target) throws IOException {
        TargetProfiles targetProfiles = profiles.get(target);
        var feeds = new LinkedHashMap<String, FeedIndex>();
        Map<String, List<FeedPackage>> byFeed = FeedIndex.byFeed(
                catalog.packages(release, target, UsignKey.TEST.fingerprint()));
        for (String feed : ImageBuilderArchive.FEED_ORDER) {
            if (byFeed.containsKey(feed)) {
                feeds.put(feed, new FeedIndex(release, target.archPackages(), byFeed.get(feed)));
            }
        }

        String targetDir = release.path() + "/targets/" + target.name();
        long epoch = release.sourceDateEpoch();
        writeFeed(release, targetDir + "/packages", feeds.get("core"));
        if (feeds.containsKey("kmods")) {
            writeFeed(release, targetDir + "/kmods/" + release.kernel(target).kmodsDirectory(),
                    feeds.get("kmods"));
        }
        String archDir = release.packagesPath() + "/" + target.archPackages();
        for (String feed : ARCH_FEEDS) {
            if (feeds.containsKey(feed)) {
                writeFeed(release, archDir + "/" + feed, feeds.get(feed));
            }
        }
        write(archDir + "/feeds.conf", feedsConf(release, true), epoch);
        writeChecksums(archDir, epoch);

        write(targetDir + "/profiles.json", Json.compact(targetProfiles.profilesJson(release)), epoch);
        write(targetDir + "/version.buildinfo", release.versionCode() + "\n", epoch);
        write(targetDir + "/feeds.buildinfo", feedsConf(release, false), epoch);
        write(targetDir + "/config.buildinfo", "CONFIG_TARGET_" + target.board() + "=y\n"
                + "CONFIG_TARGET_" + target.board() + "_" + target.subtarget() + "=y\n"
                + "CONFIG_ALL_KMODS=y\nCONFIG_ALL_NONSHARED=y\nCONFIG_IB=y\n", epoch);
        var archive = new ImageBuilderArchive(release, target, targetProfiles, feeds);
        write(targetDir + "/" + release.imageBuilderArchiveName(target), archive.toBytes(), epoch);
        writeChecksums(targetDir, epoch);
    }

    private void writeFeed(Release release, String dir, FeedIndex index) throws IOException {
        long epoch = release.sourceDateEpoch();
        write(dir + "/index.json", index.indexJson(), epoch);
        if (release.format() == PackageFormat.OPKG) {
            byte[] packages = index.packagesFile().getBytes(StandardCharsets.UTF_8);
            write(dir + "/Packages", packages, epoch);
            write(dir + "/Packages.gz", Compressor.GZIP.compress(packages), epoch);
            write(dir + "/Packages.sig", UsignKey.TEST.signatureFile(packages), epoch);
            write(dir + "/Packages.manifest", index.manifestFile(), epoch);
        }
    }

    private static String feedsConf(Release release, boolean withBase) {
        String branch = release.isSnapshot() ? "master" : "openwrt-" + release.branch();
        var lines = new ArrayList<String>();
        if (withBase) {
            lines.add("src-git --root=package base https://git.openwrt.org/openwrt/openwrt.git^"
                    + Release.pseudoHash("base " + branch, 40));
        }
        lines.add(feedLine("packages", "feed/packages.git", branch));
        lines.add(feedLine("luci", "project/luci.git", branch));
        lines.add(feedLine("routing", "feed/routing.git", branch));
        lines.add(feedLine("telephony", "feed/telephony.git", branch));
        return String.join("\n", lines) + "\n";
    }

    private static String feedLine(String name, String repository, String branch) {
        return "src-git " + name + " https://git.openwrt.org/" + repository + "^"
                + Release.pseudoHash(name + " " + branch, 40);
    }

    /** sha256sums of every file below {@code dir} (sorted by path) and its usign signature. */
    private void writeChecksums(String dir, long epoch) throws IOException {
        Path base = root.resolve(dir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("sha256sums"))
                    .sorted().toList();
        }
        var sums = new StringBuilder();
        for (Path file : files) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            sums.append(sha256(Files.readAllBytes(file))).append(" *").append(relative).append('\n');
        }
        byte[] bytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        write(dir + "/sha256sums", bytes, epoch);
        write(dir + "/sha256sums.sig", UsignKey.TEST.signatureFile(bytes), epoch);
    }

    private void write(String path, String text, long epoch) throws IOException {
        write(path, text.getBytes(StandardCharsets.UTF_8), epoch);
    }

    private void write(String path, byte[] bytes, long epoch) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(epoch * 1000));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

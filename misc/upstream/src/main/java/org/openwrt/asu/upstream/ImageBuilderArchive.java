package org.openwrt.asu.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One ImageBuilder archive: the Makefile and scripts (resources under {@code imagebuilder/})
 * plus what is specific to a release and target: configuration, profiles, the feed indexes the
 * scripts resolve against, the repositories file and the signing key.
 */
final class ImageBuilderArchive {

    /** The fixed part, the same in every archive. */
    private static final List<String> SOURCES = List.of("Makefile", "include/image.mk",
            "scripts/build-image.sh", "scripts/checksum.sh", "scripts/feeds.sh",
            "scripts/json-overview.sh", "scripts/list-installed.sh", "scripts/make-ext4.sh",
            "scripts/package-install.sh", "scripts/package-query.sh", "scripts/prepare-rootfs.sh",
            "scripts/profile-info.awk", "scripts/resolve.awk", "scripts/unpack.awk");

    /** Repository order of the feeds, as the real repositories files list them. */
    static final List<String> FEED_ORDER = List.of("core", "kmods", "base", "luci", "packages",
            "routing", "telephony");

    private final Release release;
    private final Target target;
    private final TargetProfiles profiles;
    private final Map<String, FeedIndex> feeds;

    ImageBuilderArchive(Release release, Target target, TargetProfiles profiles,
                        Map<String, FeedIndex> feeds) {
        this.release = release;
        this.target = target;
        this.profiles = profiles;
        this.feeds = feeds;
    }

    /** The compressed archive, named {@link Release#imageBuilderArchiveName(Target)}. */
    byte[] toBytes() {
        var tar = new TarArchive(release.imageBuilderName(target));
        for (String source : SOURCES) {
            tar.addFile(source, resource(source), source.endsWith(".sh"));
        }
        tar.addFile(".config", config());
        tar.addFile("include/version.mk", versionMakefile());
        tar.addFile("include/target.mk", targetMakefile());
        tar.addFile("target/profiles.tsv", profilesTable());
        feeds.forEach((feed, index) -> {
            tar.addFile("feeds/" + feed + "/Packages", index.imageBuilderPackagesFile());
            tar.addFile("feeds/" + feed + "/contents", index.contentsFile());
        });
        tar.addFile(release.format().repositoriesFile(), repositories());
        if (release.format() == PackageFormat.OPKG) {
            tar.addFile("keys/" + UsignKey.TEST.fingerprint(), UsignKey.TEST.publicKeyFile());
        } else {
            tar.addDirectory("keys");
        }
        tar.addDirectory("packages");
        tar.addDirectory("tmp");
        byte[] bytes = tar.toBytes(release.sourceDateEpoch());
        return (release.isAtLeast("24.10") ? Compressor.ZSTD : Compressor.XZ).compress(bytes);
    }

    private String config() {
        String board = target.board();
        String subtarget = target.subtarget();
        var lines = new ArrayList<>(List.of(
                "CONFIG_TARGET_" + board + "=y",
                "CONFIG_TARGET_" + board + "_" + subtarget + "=y",
                "CONFIG_TARGET_BOARD=\"" + board + "\"",
                "CONFIG_TARGET_SUBTARGET=\"" + subtarget + "\"",
                "CONFIG_TARGET_ARCH_PACKAGES=\"" + target.archPackages() + "\"",
                "CONFIG_TARGET_ROOTFS_SQUASHFS=y"));
        if (target.hasRootPartition()) {
            lines.add("CONFIG_TARGET_ROOTFS_EXT4FS=y");
            lines.add("CONFIG_TARGET_KERNEL_PARTSIZE=16");
        }
        lines.add("CONFIG_TARGET_ROOTFS_PARTSIZE=104");
        lines.add("CONFIG_SIGNATURE_CHECK=y");
        lines.add("CONFIG_JSON_OVERVIEW_IMAGE_INFO=y");
        if (release.versionInFileNames()) {
            lines.add("CONFIG_VERSIONOPT=y");
            lines.add("CONFIG_VERSION_FILENAMES=y");
        }
        if (release.format() == PackageFormat.APK) {
            lines.add("CONFIG_USE_APK=y");
        }
        return String.join("\n", lines) + "\n";
    }

    private String versionMakefile() {
        return "VERSION_NUMBER := " + release.versionNumber() + "\n"
                + "VERSION_CODE := " + release.versionCode() + "\n"
                + "SOURCE_DATE_EPOCH := " + release.sourceDateEpoch() + "\n";
    }

    private String targetMakefile() {
        var text = new StringBuilder()
                .append("BOARD := ").append(target.board()).append('\n')
                .append("SUBTARGET := ").append(target.subtarget()).append('\n')
                .append("ARCH := ").append(target.cpuArch()).append('\n')
                .append("ARCH_PACKAGES := ").append(target.archPackages()).append('\n')
                .append("PKG_FORMAT := ").append(release.format().id()).append('\n')
                .append("DEFAULT_PACKAGES := ")
                .append(String.join(" ", profiles.defaultPackagesAsListed(release))).append('\n')
                .append("KERNEL_IMAGE_BYTES := ").append(target.kernelImageBytes()).append('\n');
        if (release.publishesLinuxKernel()) {
            LinuxKernel kernel = release.kernel(target);
            text.append("LINUX_VERSION := ").append(kernel.version()).append('\n')
                    .append("LINUX_RELEASE := ").append(kernel.release()).append('\n')
                    .append("LINUX_VERMAGIC := ").append(kernel.vermagic()).append('\n');
        }
        return text.toString();
    }

    /**
     * One line per profile: id, title, device packages, supported devices, hasImageMetadata,
     * images ({@code suffix:type:filesystem}), image size limit in bytes, titles as JSON.
     */
    private String profilesTable() {
        String hasImageMetadata = target.hasRootPartition() ? "0" : "1";
        return profiles.devices().stream().map(device -> String.join("\t",
                        device.id(),
                        device.title(),
                        String.join(" ", device.devicePackages()),
                        String.join(" ", device.supportedDevices()),
                        hasImageMetadata,
                        device.images().stream().map(TargetProfiles.Image::imageBuilderSpec)
                                .collect(Collectors.joining(" ")),
                        Long.toString(profiles.imageSizeLimit(device)),
                        Json.compact(device.titles())) + "\n")
                .collect(Collectors.joining());
    }

    private String repositories() {
        var lines = new ArrayList<String>();
        for (String feed : FEED_ORDER) {
            if (feeds.containsKey(feed)) {
                String url = feedUrl(feed);
                lines.add(release.format() == PackageFormat.OPKG
                        ? "src/gz openwrt_" + feed + " " + url
                        : url + "/packages.adb");
            }
        }
        if (release.format() == PackageFormat.OPKG) {
            lines.add("## This is the local package repository, do not remove!");
            lines.add("src imagebuilder file:packages");
            lines.add("");
            lines.add("option check_signature");
        } else {
            lines.add("packages/packages.adb");
        }
        return String.join("\n", lines) + "\n";
    }

    private String feedUrl(String feed) {
        String base = Release.UPSTREAM_URL + "/" + release.path();
        return switch (feed) {
            case "core" -> base + "/targets/" + target.name() + "/packages";
            case "kmods" -> base + "/targets/" + target.name() + "/kmods/"
                    + release.kernel(target).kmodsDirectory();
            default -> base + "/packages/" + target.archPackages() + "/" + feed;
        };
    }

    private static byte[] resource(String path) {
        try (InputStream in = ImageBuilderArchive.class.getResourceAsStream("imagebuilder/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

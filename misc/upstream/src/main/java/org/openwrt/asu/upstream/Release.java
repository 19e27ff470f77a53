package org.openwrt.asu.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A version the miniature upstream publishes, with the facts that differ between eras: the
 * package manager, where kmods live, how archives are compressed and whether file names carry
 * the version.
 *
 * @param branch           "23.05", "24.10" or "SNAPSHOT" (a branch snapshot's branch is its release branch)
 * @param baseFilesNumber  the base-files package number of that version
 */
record Release(String versionNumber, String branch, String versionCode, long sourceDateEpoch,
               PackageFormat format, String baseFilesNumber, String kernelVersion,
               String backportsVersion) {

    /**
     * Per branch newest first, then SNAPSHOT. 23.05.4 and 24.10.2 carry their real revisions;
     * 24.10-SNAPSHOT stands for the 24.10 branch's nightly of July 2025 (opkg, like its releases);
     * SNAPSHOT for an apk-era master of August 2025 (index.json v2, "name version" manifests,
     * STRIP_ABI honoured).
     */
    static final List<Release> ALL = List.of(
            new Release("24.10.2", "24.10", "r28739-d9340319c6", 1750711236L, PackageFormat.OPKG,
                    "1567", "6.6.93", "6.12.6"),
            new Release("24.10-SNAPSHOT", "24.10", "r28862-5e0f2b3c71", 1753920000L, PackageFormat.OPKG,
                    "1569", "6.6.100", "6.12.6"),
            new Release("23.05.4", "23.05", "r24012-d8dd03c46f", 1721081658L, PackageFormat.OPKG,
                    "1552", "5.15.162", "6.1.110"),
            new Release("SNAPSHOT", "SNAPSHOT", "r30622-3d5c1b4a2e", 1755561600L, PackageFormat.APK,
                    "1681", "6.12.42", "6.14.11"));

    static final String UPSTREAM_URL = "https://downloads.openwrt.org";

    /** The master snapshot, {@code SNAPSHOT}. */
    boolean isSnapshot() {
        return versionNumber.equals("SNAPSHOT");
    }

    /** A release branch's nightly, {@code 24.10-SNAPSHOT}: never in {@code .versions.json}, feeds of its own. */
    boolean isBranchSnapshot() {
        return versionNumber.endsWith("-SNAPSHOT");
    }

    /** A release or release candidate, listed in {@code .versions.json}. */
    boolean isRelease() {
        return !isSnapshot() && !isBranchSnapshot();
    }

    /** Whether this version's branch is {@code otherBranch} or a later one (SNAPSHOT is the latest). */
    boolean isAtLeast(String otherBranch) {
        if (isSnapshot()) {
            return true;
        }
        return !otherBranch.equals("SNAPSHOT") && branch.compareTo(otherBranch) >= 0;
    }

    /** Post kmods split: kmods live in {@code targets/<t>/<s>/kmods/<kernel>/} (24.10 and later). */
    boolean hasKmodsDirectory() {
        return isAtLeast("24.10");
    }

    /** profiles.json carries {@code linux_kernel} since late 2024 (24.10 and later). */
    boolean publishesLinuxKernel() {
        return isAtLeast("24.10");
    }

    /** Path of the version below the server root. */
    String path() {
        return isSnapshot() ? "snapshots" : "releases/" + versionNumber;
    }

    /** Path of the arch feeds; releases share one directory per branch, snapshots have their own. */
    String packagesPath() {
        return isRelease() ? "releases/packages-" + branch : path() + "/packages";
    }

    /** Release branch builds, their nightlies included, put the version into file names ({@code CONFIG_VERSION_FILENAMES}). */
    boolean versionInFileNames() {
        return !isSnapshot();
    }

    String imagePrefix(Target target) {
        return "openwrt-" + (versionInFileNames() ? versionNumber + "-" : "") + target.dashed();
    }

    /** The archive's top directory: the archive name without {@code .tar.*}. */
    String imageBuilderName(Target target) {
        return "openwrt-imagebuilder-" + (versionInFileNames() ? versionNumber + "-" : "")
                + target.dashed() + ".Linux-x86_64";
    }

    /** xz up to 23.05, zstd since. */
    String imageBuilderArchiveName(Target target) {
        return imageBuilderName(target) + (isAtLeast("24.10") ? ".tar.zst" : ".tar.xz");
    }

    LinuxKernel kernel(Target target) {
        return new LinuxKernel(kernelVersion, "1",
                pseudoHash("vermagic " + versionNumber + " " + target.name(), 32), backportsVersion);
    }

    String baseFilesVersion() {
        String hash = versionCode.substring(versionCode.indexOf('-') + 1);
        return format == PackageFormat.OPKG
                ? baseFilesNumber + "-" + versionCode
                : baseFilesNumber + "~" + hash + "-r1";
    }

    /** Stable stand-in for a hash that upstream would have (vermagic, commit ids). */
    static String pseudoHash(String seed, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.openwrt.asu.upstream;

/**
 * The kernel a release's target is built with. It names the kmods directory
 * ({@code <version>-<release>-<vermagic>}) and the versions of {@code kernel} and every kmod.
 *
 * @param backports version of the wireless backports that the mac80211 kmods carry
 */
record LinuxKernel(String version, String release, String vermagic, String backports) {

    String kmodsDirectory() {
        return version + "-" + release + "-" + vermagic;
    }

    String packageVersion(PackageFormat format) {
        return format == PackageFormat.OPKG
                ? version + "-" + release + "-" + vermagic
                : version + "~" + vermagic + "-r" + release;
    }

    String kmodVersion(PackageFormat format) {
        return format.version(version + "-" + release);
    }

    String backportsKmodVersion(PackageFormat format) {
        return format == PackageFormat.OPKG
                ? version + "+" + backports + "-" + release
                : version + "." + backports + "-r" + release;
    }
}

package org.openwrt.asu.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * One package as a feed publishes it, in the spelling of one release.
 *
 * @param name      the package name, ending with the ABI version when there is one
 * @param baseName  the name without ABI version (what index.json v2 and STRIP_ABI show)
 * @param feed      core, kmods, base, luci, packages, routing or telephony
 * @param files     paths the package installs, relative to the rootfs
 */
record FeedPackage(String name, String baseName, String version, String abiVersion,
                   String architecture, List<String> depends, List<String> provides,
                   List<String> conflicts, int providerPriority, long size, long installedSize,
                   String feed, String section, List<String> files, String description) {

    private static final String MAINTAINER = "OpenWrt Developers Team <openwrt-devel@lists.openwrt.org>";

    String fileName(PackageFormat format) {
        return format == PackageFormat.OPKG
                ? name + "_" + version + "_" + architecture + ".ipk"
                : name + "-" + version + ".apk";
    }

    /**
     * The package's stanza of a {@code Packages} index. The manifest flavour adds the fields the
     * server strips from {@code Packages}; the ImageBuilder flavour (apk era) adds the provider
     * priority that apk keeps in its binary index.
     */
    String stanza(PackageFormat format, Flavour flavour, long sourceDateEpoch) {
        var lines = new ArrayList<String>();
        lines.add("Package: " + name);
        lines.add("Version: " + version);
        addList(lines, "Depends", depends);
        addList(lines, "Conflicts", conflicts);
        addList(lines, "Provides", provides);
        if (flavour == Flavour.MANIFEST) {
            lines.add("Source: " + (feed.equals("core") || feed.equals("kmods") || feed.equals("base")
                    ? "package/" : "feeds/" + feed + "/") + baseName);
            lines.add("SourceName: " + baseName);
        }
        lines.add("License: GPL-2.0");
        lines.add("Section: " + section);
        if (flavour == Flavour.MANIFEST) {
            lines.add("SourceDateEpoch: " + sourceDateEpoch);
        }
        if (!abiVersion.isEmpty()) {
            lines.add("ABIVersion: " + abiVersion);
        }
        if (flavour == Flavour.MANIFEST) {
            lines.add("Maintainer: " + MAINTAINER);
        }
        if (flavour == Flavour.IMAGEBUILDER && providerPriority > 0) {
            lines.add("Provider-Priority: " + providerPriority);
        }
        lines.add("Architecture: " + architecture);
        lines.add("Installed-Size: " + installedSize);
        lines.add("Filename: " + fileName(format));
        lines.add("Size: " + size);
        lines.add("SHA256sum: " + Release.pseudoHash(fileName(format), 64));
        lines.add("Description:  " + description);
        return String.join("\n", lines) + "\n";
    }

    private static void addList(List<String> lines, String field, List<String> values) {
        if (!values.isEmpty()) {
            lines.add(field + ": " + String.join(", ", values));
        }
    }

    enum Flavour { PACKAGES, MANIFEST, IMAGEBUILDER }
}

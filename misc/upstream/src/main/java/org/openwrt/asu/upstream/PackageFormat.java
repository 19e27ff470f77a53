package org.openwrt.asu.upstream;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package manager of a release: opkg up to 24.10, apk on SNAPSHOT since late 2024. It decides
 * the version syntax, the feed index files and the ImageBuilder's repository file.
 */
enum PackageFormat {
    OPKG,
    APK;

    private static final Pattern DATED = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})-([0-9a-f]+)-(\\d+)");

    /**
     * Spells an opkg-style catalogue version the way this package manager does:
     * {@code 1.36.1-2 → 1.36.1-r2}, {@code 2024-10-16-38eccbb1-1 → 2024.10.16~38eccbb1-r1},
     * {@code git-25.192.80041-bfb8256 → 25.192.80041~bfb8256}.
     */
    String version(String opkgVersion) {
        if (this == OPKG) {
            return opkgVersion;
        }
        if (opkgVersion.startsWith("git-")) {
            int hash = opkgVersion.lastIndexOf('-');
            return opkgVersion.substring(4, hash) + "~" + opkgVersion.substring(hash + 1);
        }
        Matcher dated = DATED.matcher(opkgVersion);
        if (dated.matches()) {
            return dated.group(1) + "." + dated.group(2) + "." + dated.group(3) + "~" + dated.group(4)
                    + "-r" + dated.group(5);
        }
        int release = opkgVersion.lastIndexOf('-');
        if (release > 0 && opkgVersion.substring(release + 1).matches("\\d+")) {
            return opkgVersion.substring(0, release) + "-r" + opkgVersion.substring(release + 1);
        }
        return opkgVersion;
    }

    /** The name of the ImageBuilder's repository list, which is also how ASU tells the eras apart. */
    String repositoriesFile() {
        return this == OPKG ? "repositories.conf" : "repositories";
    }

    /** The value of {@code PKG_FORMAT} in the ImageBuilder. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

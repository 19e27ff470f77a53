package org.openwrt.asu.upstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The index files of one feed directory: {@code Packages}, {@code Packages.manifest} and
 * {@code index.json} as upstream publishes them, and the copy an ImageBuilder ships (its
 * {@code Packages} plus the list of files each package installs).
 */
final class FeedIndex {

    private final Release release;
    private final String architecture;
    private final List<FeedPackage> packages;

    FeedIndex(Release release, String architecture, List<FeedPackage> packages) {
        this.release = release;
        this.architecture = architecture;
        this.packages = packages;
    }

    boolean isEmpty() {
        return packages.isEmpty();
    }

    String packagesFile() {
        return stanzas(FeedPackage.Flavour.PACKAGES);
    }

    String manifestFile() {
        return stanzas(FeedPackage.Flavour.MANIFEST);
    }

    /** What the ImageBuilder resolves against: the opkg index, or apk's index in the same syntax. */
    String imageBuilderPackagesFile() {
        return stanzas(release.format() == PackageFormat.APK
                ? FeedPackage.Flavour.IMAGEBUILDER : FeedPackage.Flavour.PACKAGES);
    }

    /** "{@code <package> <path>}" per installed file: the payload of the packages. */
    String contentsFile() {
        return packages.stream()
                .flatMap(p -> p.files().stream().map(path -> p.name() + " " + path + "\n"))
                .collect(Collectors.joining());
    }

    /**
     * index.json: version 1 (opkg era) keeps ABI-suffixed names; version 2 (apk era) carries
     * {@code "version":2} and names without the suffix.
     */
    String indexJson() {
        var versions = new TreeMap<String, Object>();
        boolean apk = release.format() == PackageFormat.APK;
        packages.forEach(p -> versions.put(apk ? p.baseName() : p.name(), p.version()));
        var index = new LinkedHashMap<String, Object>();
        if (apk) {
            index.put("version", 2);
        }
        index.put("architecture", architecture);
        index.put("packages", versions);
        return Json.pretty(index);
    }

    private String stanzas(FeedPackage.Flavour flavour) {
        return packages.stream()
                .map(p -> p.stanza(release.format(), flavour, release.sourceDateEpoch()) + "\n")
                .collect(Collectors.joining());
    }

    static Map<String, List<FeedPackage>> byFeed(List<FeedPackage> packages) {
        return packages.stream().collect(Collectors.groupingBy(FeedPackage::feed, TreeMap::new,
                Collectors.toList()));
    }
}

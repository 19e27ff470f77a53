package org.openwrt.asu.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages of the miniature upstream, read from {@code packages.txt} (its header documents
 * the format) and spelled for one release and target: versions in the era's syntax, ABI
 * suffixes, kmods bound to the release's kernel, the files each package installs.
 */
final class PackageCatalog {

    private final List<Entry> entries;

    private PackageCatalog(List<Entry> entries) {
        this.entries = entries;
    }

    static PackageCatalog load() {
        try (InputStream in = PackageCatalog.class.getResourceAsStream("packages.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var entries = new ArrayList<Entry>();
            for (String line : text.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(Entry.parse(line));
                }
            }
            return new PackageCatalog(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every package available to {@code target} in {@code release}, sorted by name. Fails when a
     * dependency names nothing in the set, so the feeds always resolve.
     */
    List<FeedPackage> packages(Release release, Target target, String keynum) {
        var available = entries.stream().filter(e -> e.availableIn(release, target)).toList();
        var abiNames = new HashMap<String, String>();
        for (Entry entry : available) {
            abiNames.put(entry.name, entry.name + entry.attribute("abi"));
        }
        var spelled = new Spelling(release, target, keynum, abiNames);
        var packages = available.stream().map(spelled::feedPackage)
                .sorted(Comparator.comparing(FeedPackage::name)).toList();
        checkDependencies(packages, release, target);
        return packages;
    }

    private static void checkDependencies(List<FeedPackage> packages, Release release, Target target) {
        Set<String> names = new HashSet<>();
        for (FeedPackage p : packages) {
            names.add(p.name());
            p.provides().forEach(provided -> names.add(provided.replaceAll("=.*", "")));
        }
        for (FeedPackage p : packages) {
            for (String dependency : p.depends()) {
                boolean satisfied = Arrays.stream(dependency.split("\\|"))
                        .map(alternative -> alternative.trim().replaceAll(" .*", ""))
                        .anyMatch(names::contains);
                if (!satisfied) {
                    throw new IllegalStateException(p.name() + " of " + release.versionNumber() + " "
                            + target.name() + " depends on unknown " + dependency);
                }
            }
        }
    }

    /** One catalogue line. */
    private record Entry(String name, String feed, long size, Map<String, String> attributes,
                         String description) {

        static Entry parse(String line) {
            String[] halves = line.split(" -- ", 2);
            String[] words = halves[0].trim().split("\\s+");
            var attributes = new LinkedHashMap<String, String>();
            for (int i = 3; i < words.length; i++) {
                String[] pair = words[i].split("=", 2);
                attributes.put(pair[0], pair[1]);
            }
            String description = halves.length > 1 ? halves[1].trim() : words[0];
            return new Entry(words[0], words[1], Long.parseLong(words[2]), attributes, description);
        }

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }

        List<String> list(String key) {
            String value = attribute(key);
            return value.isEmpty() ? List.of() : List.of(value.split(","));
        }

        boolean availableIn(Release release, Target target) {
            String era = attribute("era");
            String since = attribute("since");
            String until = attribute("until");
            List<String> only = list("only");
            return (era.isEmpty() || era.equals(release.format().id()))
                    && (since.isEmpty() || release.isAtLeast(since))
                    && (until.isEmpty() || !release.isAtLeast(until))
                    && (only.isEmpty() || only.contains(target.name()));
        }

        boolean isKmod() {
            return feed.equals("kmod");
        }
    }

    /** Turns catalogue entries into one release's packages. */
    private record Spelling(Release release, Target target, String keynum, Map<String, String> abiNames) {

        FeedPackage feedPackage(Entry entry) {
            PackageFormat format = release.format();
            LinuxKernel kernel = release.kernel(target);
            String version = version(entry, kernel);
            String abi = entry.attribute("abi");
            var depends = new ArrayList<String>();
            if (entry.isKmod()) {
                depends.add("kernel (=" + kernel.packageVersion(format) + ")");
            }
            entry.list("deps").forEach(dependency -> depends.add(withAbi(dependency)));
            var provides = new ArrayList<>(entry.list("provides"));
            if (!abi.isEmpty()) {
                // the ABI-suffixed package answers to its plain name; apk versions that provide
                provides.add(format == PackageFormat.OPKG ? entry.name : entry.name + "=" + version);
            }
            String architecture = entry.attribute("arch").equals("all") ? "all" : target.archPackages();
            long installedSize = entry.isKmod() ? entry.size * 2 : entry.size * 5 / 2;
            return new FeedPackage(entry.name + abi, entry.name, version, abi, architecture,
                    List.copyOf(depends), List.copyOf(provides), entry.list("conflicts"),
                    Integer.parseInt(entry.attributes.getOrDefault("prio", "0")), entry.size,
                    installedSize, feed(entry), section(entry), files(entry, kernel),
                    entry.description);
        }

        private String version(Entry entry, LinuxKernel kernel) {
            PackageFormat format = release.format();
            String version = entry.attributes.getOrDefault("ver", "@kmod");
            return switch (version) {
                case "@kmod" -> kernel.kmodVersion(format);
                case "@backports" -> kernel.backportsKmodVersion(format);
                case "@kernel" -> kernel.packageVersion(format);
                case "@basefiles" -> release.baseFilesVersion();
                default -> format.version(version);
            };
        }

        private String withAbi(String dependency) {
            var alternatives = new ArrayList<String>();
            for (String alternative : dependency.split("\\|")) {
                alternatives.add(abiNames.getOrDefault(alternative, alternative));
            }
            return String.join(" | ", alternatives);
        }

        private String feed(Entry entry) {
            if (entry.isKmod()) {
                return release.hasKmodsDirectory() ? "kmods" : "core";
            }
            return entry.feed;
        }

        private static String section(Entry entry) {
            if (entry.isKmod()) {
                return "kernel";
            }
            if (entry.feed.equals("luci")) {
                return "luci";
            }
            if (entry.name.contains("firmware")) {
                return "firmware";
            }
            if (entry.name.startsWith("lib")) {
                return "libs";
            }
            return switch (entry.feed) {
                case "core", "base" -> "base";
                case "routing", "telephony" -> "net";
                default -> "utils";
            };
        }

        private List<String> files(Entry entry, LinuxKernel kernel) {
            var files = new ArrayList<String>();
            if (entry.attributes.containsKey("files")) {
                files.addAll(entry.list("files"));
            } else {
                files.addAll(defaultFiles(entry));
            }
            entry.list("init").forEach(service -> files.add("etc/init.d/" + service));
            return files.stream()
                    .map(path -> path.replace("@KVER@", kernel.version()).replace("@KEYNUM@", keynum))
                    .toList();
        }

        private static List<String> defaultFiles(Entry entry) {
            String name = entry.name;
            if (entry.isKmod()) {
                return List.of("lib/modules/@KVER@/" + name.substring(5).replace('-', '_') + ".ko");
            }
            if (name.contains("firmware")) {
                return List.of("lib/firmware/" + name + ".bin");
            }
            if (name.startsWith("lib")) {
                String abi = entry.attribute("abi");
                return List.of("usr/lib/" + name + ".so" + (abi.isEmpty() ? "" : "." + abi));
            }
            if (name.startsWith("luci-app-")) {
                String app = name.substring("luci-app-".length());
                return List.of("www/luci-static/resources/view/" + app + "/overview.js",
                        "usr/share/luci/menu.d/" + name + ".json",
                        "usr/share/rpcd/acl.d/" + name + ".json");
            }
            if (name.startsWith("luci-")) {
                return List.of("usr/share/luci/" + name + ".json");
            }
            return List.of("usr/bin/" + name);
        }
    }
}

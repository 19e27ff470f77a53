package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions the server offers, computed from upstream's {@code .versions.json} and the
 * configured branches: a version is supported when an enabled branch name is a prefix of it.
 *
 * @param latest   {@code upcoming_version}, {@code stable_version}, {@code oldstable_version}, the supported ones
 * @param versions every supported version, {@code SNAPSHOT} and {@code <branch>-SNAPSHOT} included, newest first
 */
public record VersionCatalog(List<String> latest, List<String> versions) {

    public static final VersionCatalog EMPTY = new VersionCatalog(List.of(), List.of());

    /**
     * Newest first, numerically ({@code 24.10.10} above {@code 24.10.9}); in a branch releases
     * come before release candidates and those before {@code <branch>-SNAPSHOT}; {@code SNAPSHOT}
     * is first of all.
     */
    public static final Comparator<String> NEWEST_FIRST = Comparator.comparing(VersionKey::of).reversed();

    public VersionCatalog {
        latest = List.copyOf(latest);
        versions = List.copyOf(versions);
    }

    public static VersionCatalog of(JsonObject versionsJson, List<Branch> branches) {
        List<String> enabled = branches.stream().filter(Branch::enabled).map(Branch::name).toList();
        Set<String> latest = new LinkedHashSet<>();
        for (String field : List.of("upcoming_version", "stable_version", "oldstable_version")) {
            addIfSupported(latest, versionsJson.getString(field, ""), enabled);
        }
        Set<String> versions = new LinkedHashSet<>();
        addIfSupported(versions, versionsJson.getString("upcoming_version", ""), enabled);
        versionsJson.getJsonArray("versions_list").getValuesAs(JsonString.class)
                .forEach(version -> addIfSupported(versions, version.getString(), enabled));
        addIfSupported(versions, "SNAPSHOT", enabled);
        branches.stream().map(Branch::name).filter(name -> !"SNAPSHOT".equals(name))
                .forEach(name -> addIfSupported(versions, name + "-SNAPSHOT", enabled));
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(NEWEST_FIRST);
        return new VersionCatalog(new ArrayList<>(latest), sorted);
    }

    /**
     * The versions upstream publishes, of those {@link #of} derives: {@code versions_list} names
     * releases, but {@code SNAPSHOT} and {@code <branch>-SNAPSHOT} are guesses until their files are read.
     */
    public VersionCatalog published(Predicate<String> isPublished) {
        return new VersionCatalog(latest.stream().filter(isPublished).toList(), versions.stream().filter(isPublished).toList());
    }

    /** The versions of one branch, newest first. */
    public List<String> versionsOf(String branchName, Collection<String> configuredNames) {
        return versions.stream().filter(version -> branchName.equals(Branch.nameOf(version, configuredNames))).toList();
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("latest", Json.createArrayBuilder(latest))
                .add("versions", Json.createArrayBuilder(versions))
                .build();
    }

    public static VersionCatalog fromJson(JsonObject json) {
        return new VersionCatalog(strings(json, "latest"), strings(json, "versions"));
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static void addIfSupported(Set<String> into, String version, List<String> enabledBranches) {
        if (!version.isEmpty() && enabledBranches.stream().anyMatch(version::startsWith)) {
            into.add(version);
        }
    }

    /** Sort key: master snapshot, then branch numbers, branch snapshot below its releases, rc below final. */
    private record VersionKey(boolean master, List<Integer> branch, int kind, int patch, int candidate, String text)
            implements Comparable<VersionKey> {

        private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-rc(\\d+))?");
        private static final Pattern BRANCH_SNAPSHOT = Pattern.compile("(\\d+)\\.(\\d+)-SNAPSHOT");
        private static final int SNAPSHOT = 0;
        private static final int CANDIDATE = 1;
        private static final int RELEASE_KIND = 2;
        private static final int UNKNOWN = -1;

        static VersionKey of(String version) {
            if ("SNAPSHOT".equals(version)) {
                return new VersionKey(true, List.of(), 0, 0, 0, version);
            }
            Matcher snapshot = BRANCH_SNAPSHOT.matcher(version);
            if (snapshot.matches()) {
                return new VersionKey(false, List.of(Integer.parseInt(snapshot.group(1)), Integer.parseInt(snapshot.group(2))),
                        SNAPSHOT, 0, 0, version);
            }
            Matcher release = RELEASE.matcher(version);
            if (release.matches()) {
                List<Integer> branch = List.of(Integer.parseInt(release.group(1)), Integer.parseInt(release.group(2)));
                int patch = release.group(3) == null ? 0 : Integer.parseInt(release.group(3));
                return release.group(4) == null
                        ? new VersionKey(false, branch, RELEASE_KIND, patch, 0, version)
                        : new VersionKey(false, branch, CANDIDATE, patch, Integer.parseInt(release.group(4)), version);
            }
            return new VersionKey(false, List.of(), UNKNOWN, 0, 0, version);
        }

        @Override
        public int compareTo(VersionKey other) {
            return Comparator.comparing(VersionKey::master)
                    .thenComparing(VersionKey::branch, VersionKey::compareNumbers)
                    .thenComparingInt(VersionKey::kind)
                    .thenComparingInt(VersionKey::patch)
                    .thenComparingInt(VersionKey::candidate)
                    .thenComparing(VersionKey::text)
                    .compare(this, other);
        }

        private static int compareNumbers(List<Integer> left, List<Integer> right) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int compared = Integer.compare(left.get(i), right.get(i));
                if (compared != 0) {
                    return compared;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
    }
}

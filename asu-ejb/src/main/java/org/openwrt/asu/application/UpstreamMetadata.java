package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.PackageIndex;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.infrastructure.redis.MetadataStore;

/**
 * The server's copy of the upstream metadata, as the janitor left it in Redis, addressed by
 * version and target. Reading it never calls upstream.
 */
@ApplicationScoped
public class UpstreamMetadata {

    private MetadataStore store;
    private Branches branches;

    protected UpstreamMetadata() {
    }

    @Inject
    public UpstreamMetadata(MetadataStore store, Branches branches) {
        this.store = store;
        this.branches = branches;
    }

    public VersionCatalog versions() {
        return store.versions();
    }

    /** The versions upstream offers of one branch, newest first. */
    public List<String> versionsOf(Branch branch) {
        return versions().versionsOf(branch.name(), branches.all().stream().map(Branch::name).toList());
    }

    /** The upstream directory of a version without leading slash ({@code releases/24.10.2}), if its branch is configured. */
    public Optional<String> pathOf(String version) {
        return branches.ofVersion(version).map(branch -> branch.pathOf(version));
    }

    /** The known version whose upstream directory this is ({@code snapshots} → {@code SNAPSHOT}). */
    public Optional<String> versionAt(String path) {
        return versions().versions().stream().filter(version -> pathOf(version).filter(path::equals).isPresent()).findFirst();
    }

    /** Target to package architecture, from the version's {@code .targets.json}; empty when unknown. */
    public Map<String, String> targets(String version) {
        Map<String, String> targets = new TreeMap<>();
        pathOf(version).flatMap(path -> store.fileAsJson("/" + path + "/.targets.json"))
                .ifPresent(json -> json.forEach((target, arch) ->
                        targets.put(target, arch instanceof JsonString text ? text.getString() : "")));
        return targets;
    }

    /** The target's upstream {@code profiles.json}. */
    public Optional<JsonObject> profiles(String version, String target) {
        return pathOf(version).flatMap(path -> store.fileAsJson("/" + path + "/targets/" + target + "/profiles.json"));
    }

    /** Client profile name to ImageBuilder profile id (see {@link org.openwrt.asu.domain.DeviceProfiles}). */
    public Map<String, String> profileNames(String version, String target) {
        return store.profileNames(version, target);
    }

    /** The target's own packages, kmods included. */
    public Optional<PackageIndex> targetPackages(String version, String target) {
        return store.targetPackages(version, target);
    }

    /** The packages of every feed of an architecture. */
    public Optional<PackageIndex> feedPackages(String version, String arch) {
        return store.feedPackages(version, arch);
    }

    public Optional<Branch> branchOf(String version) {
        return branches.ofVersion(version);
    }
}

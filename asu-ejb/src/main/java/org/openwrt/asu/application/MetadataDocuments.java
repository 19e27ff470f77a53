package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.PackageChanges;
import org.openwrt.asu.domain.PackageIndex;
import org.openwrt.asu.domain.VersionCatalog;

/**
 * The metadata documents clients read ({@code /json/v1/…} and the 2021 {@code /api/branches},
 * {@code /api/latest}), put together from the copy in Redis and the configuration.
 */
@ApplicationScoped
public class MetadataDocuments {

    private static final DateTimeFormatter BUILD_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private UpstreamMetadata metadata;
    private Branches branches;
    private String upstreamUrl;
    private String serverVersion;
    private String contact;
    private BuildPolicy policy;

    protected MetadataDocuments() {
    }

    @Inject
    public MetadataDocuments(UpstreamMetadata metadata,
                             Branches branches,
                             @ConfigProperty(name = "asu.upstream.url") String upstreamUrl,
                             @ConfigProperty(name = "asu.server.version") String serverVersion,
                             @ConfigProperty(name = "asu.server.contact") String contact,
                             BuildPolicy policy) {
        this.metadata = metadata;
        this.branches = branches;
        this.upstreamUrl = upstreamUrl;
        this.serverVersion = serverVersion;
        this.contact = contact;
        this.policy = policy;
    }

    /** {@code {"latest": [upcoming, stable, oldstable]}}. */
    public JsonObject latest() {
        return Json.createObjectBuilder().add("latest", Json.createArrayBuilder(metadata.versions().latest())).build();
    }

    /** {@code overview.json}: latest versions, the offered branches by name, the upstream URL, the server's limits. */
    public JsonObject overview() {
        JsonObjectBuilder byName = Json.createObjectBuilder();
        offered().forEach(branch -> byName.add(branch.branch().name(), branchObject(branch)));
        return Json.createObjectBuilder()
                .add("latest", Json.createArrayBuilder(metadata.versions().latest()))
                .add("branches", byName)
                .add("upstream_url", upstreamUrl.replaceAll("/+$", ""))
                .add("server", Json.createObjectBuilder()
                        .add("version", serverVersion)
                        .add("contact", contact)
                        .add("allow_defaults", policy.allowsDefaults())
                        .add("repository_allow_list", Json.createArrayBuilder(policy.repositoryAllowList()))
                        .add("max_custom_rootfs_size_mb", policy.limits().maxRootfsSizeMb())
                        .add("max_defaults_length", policy.limits().maxDefaultsLength()))
                .build();
    }

    /** The same branch objects as {@link #overview()}, as an array ({@code branches.json}). */
    public JsonArrayBuilder branchList() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        offered().forEach(branch -> list.add(branchObject(branch)));
        return list;
    }

    /** The 2021 {@code /api/branches}: offered branches keyed by name, in that API's field names. */
    public JsonObject legacyBranches() {
        JsonObjectBuilder byName = Json.createObjectBuilder();
        for (OfferedBranch offered : offered()) {
            Branch branch = offered.branch();
            boolean master = "SNAPSHOT".equals(branch.name());
            byName.add(branch.name(), Json.createObjectBuilder()
                    .add("name", branch.name())
                    .add("enabled", branch.enabled())
                    .add("snapshot", branch.snapshot())
                    .add("versions", Json.createArrayBuilder(offered.versions()))
                    .add("git_branch", master ? "master" : "openwrt-" + branch.name())
                    .add("path", branch.path())
                    .add("path_packages", master ? "snapshots/packages" : "releases/packages-{branch}")
                    .add("pubkey", branch.usignKeys().isEmpty() ? "" : branch.usignKeys().get(0))
                    .add("extra_repos", Json.createObjectBuilder())
                    .add("extra_keys", Json.createArrayBuilder(branch.usignKeys().stream().skip(1).toList()))
                    .add("targets", offered.targetsJson()));
        }
        return byName.build();
    }

    /** The 2021 {@code /api/latest}: the newest version of every offered branch. */
    public JsonObject legacyLatest() {
        JsonArrayBuilder latest = Json.createArrayBuilder();
        offered().forEach(branch -> latest.add(branch.versions().get(0)));
        return Json.createObjectBuilder().add("latest", latest).build();
    }

    /** A target's {@code index.json}: {@code {"architecture", "packages"}}. */
    public Optional<JsonObject> targetIndex(String path, String target) {
        return metadata.versionAt(path).flatMap(version -> metadata.targetPackages(version, target)).map(PackageIndex::toJson);
    }

    /** An architecture's {@code <arch>-index.json}: the flat name-to-version map of all its feeds. */
    public Optional<JsonObject> feedIndex(String path, String arch) {
        return metadata.versionAt(path).flatMap(version -> metadata.feedPackages(version, arch)).map(PackageIndex::packagesJson);
    }

    /**
     * One device: {@code profiles.json} without {@code profiles}, the profile's fields, its
     * {@code id} and {@code build_at}; {@code {}} for an unknown profile of a known target.
     */
    public Optional<JsonObject> profile(String path, String target, String profileId) {
        return metadata.versionAt(path).flatMap(version -> metadata.profiles(version, target)).map(profiles -> {
            JsonObject profile = profiles.getJsonObject("profiles").getJsonObject(profileId);
            if (profile == null) {
                return JsonObject.EMPTY_JSON_OBJECT;
            }
            JsonObjectBuilder merged = Json.createObjectBuilder();
            profiles.forEach((name, value) -> {
                if (!"profiles".equals(name)) {
                    merged.add(name, value);
                }
            });
            profile.forEach(merged::add);
            merged.add("id", profileId);
            if (profiles.containsKey("source_date_epoch")) {
                long epoch = Long.parseLong(profiles.get("source_date_epoch").toString().replace("\"", ""));
                merged.add("build_at", BUILD_AT.format(Instant.ofEpochSecond(epoch)));
            }
            return merged.build();
        });
    }

    /** The {@code version_code} of a target's profiles.json. */
    public Optional<String> revision(String version, String target) {
        return metadata.profiles(version, target).map(profiles -> profiles.getString("version_code", ""));
    }

    private static JsonObject branchObject(OfferedBranch offered) {
        Branch branch = offered.branch();
        JsonObjectBuilder object = Json.createObjectBuilder()
                .add("path", branch.path())
                .add("enabled", branch.enabled())
                .add("snapshot", branch.snapshot())
                .add("path_packages", "DEPRECATED");
        if (branch.branchOffRev() != null) {
            object.add("branch_off_rev", branch.branchOffRev());
        }
        return object.add("package_changes", PackageChanges.of(branch))
                .add("versions", Json.createArrayBuilder(offered.versions()))
                .add("name", branch.name())
                .add("targets", offered.targetsJson())
                .build();
    }

    /**
     * The enabled branches clients are offered, so that nothing listed answers 404: their
     * versions upstream publishes (the catalogue holds no other) whose target files the janitor
     * has read, and the newest one's targets with their profiles; a branch without any is left out.
     */
    private List<OfferedBranch> offered() {
        VersionCatalog catalog = metadata.versions();
        List<String> names = branches.all().stream().map(Branch::name).toList();
        List<OfferedBranch> offered = new ArrayList<>();
        for (Branch branch : branches.all()) {
            List<String> versions = catalog.versionsOf(branch.name(), names).stream().filter(this::targetFilesRead).toList();
            if (branch.enabled() && !versions.isEmpty()) {
                Map<String, String> targets = targetsWithProfiles(versions.get(0));
                if (!targets.isEmpty()) {
                    offered.add(new OfferedBranch(branch, versions, targets));
                }
            }
        }
        return offered;
    }

    /** Whether the janitor has read the version's target files (it reads all of a version's targets in one pass, so the first tells). */
    private boolean targetFilesRead(String version) {
        return metadata.targets(version).keySet().stream().findFirst()
                .flatMap(target -> metadata.profiles(version, target)).isPresent();
    }

    private Map<String, String> targetsWithProfiles(String version) {
        Map<String, String> targets = new TreeMap<>(metadata.targets(version));
        targets.keySet().removeIf(target -> metadata.profiles(version, target).isEmpty());
        return targets;
    }

    /** A branch as listed: its versions, newest first, and the targets of the newest. */
    private record OfferedBranch(Branch branch, List<String> versions, Map<String, String> targets) {

        JsonObjectBuilder targetsJson() {
            JsonObjectBuilder json = Json.createObjectBuilder();
            targets.forEach(json::add);
            return json;
        }
    }
}

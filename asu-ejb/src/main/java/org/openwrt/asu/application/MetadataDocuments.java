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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** {@code overview.json}: latest versions, the enabled branches by name, the upstream URL, the server's limits. */
    public JsonObject overview() {
        JsonObjectBuilder byName = Json.createObjectBuilder();
        VersionCatalog catalog = metadata.versions();
        enabled().forEach(branch -> byName.add(branch.name(), branchObject(branch, catalog)));
        return Json.createObjectBuilder()
                .add("latest", Json.createArrayBuilder(catalog.latest()))
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
        VersionCatalog catalog = metadata.versions();
        enabled().forEach(branch -> list.add(branchObject(branch, catalog)));
        return list;
    }

    /** The 2021 {@code /api/branches}: enabled branches keyed by name, in that API's field names. */
    public JsonObject legacyBranches() {
        JsonObjectBuilder byName = Json.createObjectBuilder();
        VersionCatalog catalog = metadata.versions();
        for (Branch branch : enabled()) {
            List<String> versions = versionsOf(branch, catalog);
            boolean master = "SNAPSHOT".equals(branch.name());
            byName.add(branch.name(), Json.createObjectBuilder()
                    .add("name", branch.name())
                    .add("enabled", branch.enabled())
                    .add("snapshot", branch.snapshot())
                    .add("versions", Json.createArrayBuilder(versions))
                    .add("git_branch", master ? "master" : "openwrt-" + branch.name())
                    .add("path", branch.path())
                    .add("path_packages", master ? "snapshots/packages" : "releases/packages-{branch}")
                    .add("pubkey", branch.usignKeys().isEmpty() ? "" : branch.usignKeys().get(0))
                    .add("extra_repos", Json.createObjectBuilder())
                    .add("extra_keys", Json.createArrayBuilder(branch.usignKeys().stream().skip(1).toList()))
                    .add("targets", targetsJson(versions)));
        }
        return byName.build();
    }

    /** The 2021 {@code /api/latest}: the newest version of every enabled branch. */
    public JsonObject legacyLatest() {
        VersionCatalog catalog = metadata.versions();
        JsonArrayBuilder latest = Json.createArrayBuilder();
        enabled().forEach(branch -> versionsOf(branch, catalog).stream().findFirst().ifPresent(latest::add));
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

    private JsonObject branchObject(Branch branch, VersionCatalog catalog) {
        List<String> versions = versionsOf(branch, catalog);
        JsonObjectBuilder object = Json.createObjectBuilder()
                .add("path", branch.path())
                .add("enabled", branch.enabled())
                .add("snapshot", branch.snapshot())
                .add("path_packages", "DEPRECATED");
        if (branch.branchOffRev() != null) {
            object.add("branch_off_rev", branch.branchOffRev());
        }
        return object.add("package_changes", PackageChanges.of(branch))
                .add("versions", Json.createArrayBuilder(versions))
                .add("name", branch.name())
                .add("targets", targetsJson(versions))
                .build();
    }

    /** The targets of the branch's newest version upstream has published targets for. */
    private JsonObjectBuilder targetsJson(List<String> versions) {
        JsonObjectBuilder targets = Json.createObjectBuilder();
        versions.stream().map(metadata::targets).filter(map -> !map.isEmpty()).findFirst().orElse(Map.of())
                .forEach(targets::add);
        return targets;
    }

    private List<String> versionsOf(Branch branch, VersionCatalog catalog) {
        return catalog.versionsOf(branch.name(), branches.all().stream().map(Branch::name).toList());
    }

    private List<Branch> enabled() {
        return branches.all().stream().filter(Branch::enabled).toList();
    }
}

package org.openwrt.asu.builder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.Branches;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.application.BuildPolicy;
import org.openwrt.asu.application.ServerNode;
import org.openwrt.asu.builder.imagebuilder.FileTree;
import org.openwrt.asu.builder.imagebuilder.ImageBuilder;
import org.openwrt.asu.builder.imagebuilder.ImageBuilderCache;
import org.openwrt.asu.builder.imagebuilder.ImageBuilderException;
import org.openwrt.asu.builder.sandbox.CommandResult;
import org.openwrt.asu.builder.sandbox.CommandTimeoutException;
import org.openwrt.asu.builder.sandbox.SandboxUnavailableException;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.Durations;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.infrastructure.redis.BuildErrorLog;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The recipe of one build, top to bottom, in the order of the original server's
 * {@code build.py} (asu-server.md §3): set up the ImageBuilder, {@code make info} and the
 * revision check, the package list, {@code make manifest} and the version check,
 * {@code make image}, then the checked images go to the store and the result to Redis. Each
 * step reports its {@code imagebuilder_status} as it starts.
 *
 * <p>A build that cannot succeed is recorded as failed with its reason and kept for
 * {@code asu.build.failure-ttl}; only when Redis itself fails does the exception escape, so the
 * message is delivered again.
 */
@ApplicationScoped
public class BuildRecipe {

    private static final Logger LOG = Logger.getLogger(BuildRecipe.class.getName());
    /** The original server's {@code build_at} format: UTC, microseconds always zero, literal Z. */
    private static final DateTimeFormatter BUILD_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.000000'Z'").withZone(ZoneOffset.UTC);
    /** Re-reading a stored request: it passed the configured limits when it was accepted. */
    private static final BuildRequestReader STORED_REQUEST =
            new BuildRequestReader(new BuildLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));
    private static final String DEFAULTS_SCRIPT = "etc/uci-defaults/99-asu-defaults";

    @Inject
    BuildStore store;

    @Inject
    BuildStatistics statistics;

    @Inject
    BuildErrorLog errorLog;

    @Inject
    Branches branches;

    @Inject
    ImageBuilderCache imageBuilders;

    @Inject
    @ConfigProperty(name = "asu.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "asu.store.dir")
    String storeDir;

    @Inject
    @ConfigProperty(name = "asu.build.ttl")
    String versionedTtl;

    @Inject
    @ConfigProperty(name = "asu.build.ttl-unversioned")
    String unversionedTtl;

    @Inject
    @ConfigProperty(name = "asu.build.ttl-defaults")
    String defaultsTtl;

    @Inject
    @ConfigProperty(name = "asu.build.failure-ttl")
    String failureTtl;

    @Inject
    BuildPolicy policy;

    /** Replaced by the container; hand-wired tests keep the silent one. */
    @Inject
    BuildMeter meter = BuildMeter.NONE;

    @Inject
    ServerNode node = new ServerNode();

    public void build(String requestHash) {
        Optional<JsonObject> started = store.start(requestHash, node.name());
        if (started.isEmpty()) {
            LOG.fine(() -> "build " + requestHash + " is finished or expired; nothing to do");
            return;
        }
        BuildRequest request = STORED_REQUEST.read(started.get());
        Progress progress = new Progress(requestHash, request.toJson());
        Instant began = Instant.now();
        Path workDir = Path.of(dataDir, "builds", requestHash);
        try {
            progress.stage("init");
            JsonObject result = build(requestHash, request, workDir, progress);
            store.finish(requestHash, BuildStatus.DONE, result, resultTtl(request));
            progress.finished(BuildStatus.DONE);
            statistics.record(BuildStatistics.Event.SUCCESSES);
            statistics.built(request.version(), request.target(), result.getString("id"), Duration.between(began, Instant.now()));
            LOG.info(() -> "build " + requestHash + " done in " + Duration.between(began, Instant.now()).toSeconds() + " s");
        } catch (JedisException e) {
            throw e;
        } catch (BuildFailure | ImageBuilderException | CommandTimeoutException | SandboxUnavailableException e) {
            fail(progress, request, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("build " + requestHash + " interrupted; it is delivered again", e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "build " + requestHash + " failed unexpectedly", e);
            fail(progress, request, null);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private JsonObject build(String requestHash, BuildRequest request, Path workDir, Progress progress)
            throws IOException, InterruptedException {
        Branch branch = branches.ofVersion(request.version())
                .orElseThrow(() -> new BuildFailure("Unsupported branch: " + request.version()));
        FileTree.delete(workDir); // left behind by a build cut short by a crash
        Path binDir = Files.createDirectories(workDir.resolve("bin"));
        Path filesDir = Files.createDirectories(workDir.resolve("files"));

        progress.stage("container_setup");
        return imageBuilders.use(branch, request.version(), request.target(), sharedImageBuilder -> {
            ImageBuilder imageBuilder = injectRepositories(request, sharedImageBuilder, workDir);
            CommandResult info = progress.ran(imageBuilder.make(List.of(), List.of("info")));

            progress.stage("validate_revision");
            MakeInfo makeInfo = MakeInfo.parse(info.stdout());
            if (!request.versionCode().isEmpty() && !request.versionCode().equals(makeInfo.revision())) {
                throw new BuildFailure("Received incorrect version " + makeInfo.revision()
                        + " (requested " + request.versionCode() + ")");
            }
            MakeInfo.Profile profile = makeInfo.profile(request.profile())
                    .orElseThrow(() -> new BuildFailure("Unsupported profile: " + request.profile()));
            List<String> packages = PackageRewrites.apply(request.version(), request.target(), profile.id(),
                    withoutPlus(request.requestedPackages()));
            progress.request(request, profile.id(), packages);
            statistics.requestedPackages(branch.name(), packages.stream()
                    .filter(name -> !name.startsWith("-") && !makeInfo.packagesOf(profile).contains(name)).toList());
            List<String> buildPackages = request.diffPackages()
                    ? PackageSelection.diff(packages, makeInfo.packagesOf(profile)) : packages;

            progress.stage("validate_manifest");
            CommandResult manifestRun = progress.ran(imageBuilder.make(List.of(), List.of("manifest",
                    "PROFILE=" + profile.id(), "PACKAGES=" + String.join(" ", buildPackages), "STRIP_ABI=1")));
            if (!manifestRun.succeeded()) {
                throw new BuildFailure(PackageErrors.classify(manifestRun.stderr()));
            }
            Map<String, String> manifest = Manifest.parse(manifestRun.stdout());
            String versionMismatch = Manifest.mismatch(manifest, request.packagesVersions());
            if (versionMismatch != null) {
                throw new BuildFailure(versionMismatch);
            }

            List<String> buildCmd = new ArrayList<>(List.of("make", "image", "PROFILE=" + profile.id(),
                    "PACKAGES=" + String.join(" ", buildPackages),
                    "EXTRA_IMAGE_NAME=" + RequestHash.packagesHash(manifest.keySet()).substring(0, 12),
                    "BIN_DIR=" + binDir.toAbsolutePath()));
            if (request.hasDefaults()) {
                Path script = filesDir.resolve(DEFAULTS_SCRIPT);
                Files.createDirectories(script.getParent());
                Files.writeString(script, request.defaults());
                buildCmd.add("FILES=" + filesDir.toAbsolutePath());
            }
            if (request.rootfsSizeMb() != null) {
                buildCmd.add("ROOTFS_PARTSIZE=" + request.rootfsSizeMb());
            }
            if (request.filesystem() != null) {
                buildCmd.add("ROOTFS_FILESYSTEM=" + request.filesystem());
            }
            progress.buildCmd(buildCmd);

            progress.stage("building_image");
            CommandResult image = progress.ran(imageBuilder.make(List.of(binDir, filesDir), buildCmd.subList(1, buildCmd.size())));
            JsonObject builtProfile = checkImage(image, binDir, profile.id());

            Path stored = storeImages(binDir, requestHash);
            return result(builtProfile, manifest, profile.id(), stored, buildPackages, progress);
        });
    }

    /**
     * The request's own feeds and keys (§3.4), merged into a private copy of the repositories
     * file and {@code keys/} that only this build's commands see (see
     * {@link ImageBuilder#withPrivateFeeds}); the shared ImageBuilder when there are none.
     */
    private ImageBuilder injectRepositories(BuildRequest request, ImageBuilder shared, Path workDir) throws IOException {
        if (request.repositories().isEmpty() && request.repositoryKeys().isEmpty()) {
            return shared;
        }
        Optional<String> repositories = Optional.empty();
        if (!request.repositories().isEmpty()) {
            CustomRepositories.checkAllowed(request.repositories(), policy::allowsRepository);
            String existing = "append".equals(request.repositoriesMode()) ? Files.readString(shared.repositoriesFile()) : "";
            repositories = Optional.of(CustomRepositories.merge(existing, request.repositories(), shared.usesApk()));
        }
        return shared.withPrivateFeeds(workDir.resolve("imagebuilder-overlay"), repositories,
                CustomRepositories.keyFiles(request.repositoryKeys()));
    }

    /** The classification of the original server (§3.7 item 8), then every image against its sha256. */
    private static JsonObject checkImage(CommandResult image, Path binDir, String profileId) throws IOException {
        String stderr = image.stderr();
        if (stderr.contains("is too big") || stderr.contains("images are too big") || stderr.contains("out of space?")) {
            throw new BuildFailure("Selected packages exceed device storage");
        }
        if (!image.succeeded()) {
            throw new BuildFailure("Error while building firmware. See stdout/stderr");
        }
        Path profilesJson = binDir.resolve("profiles.json");
        if (!Files.isRegularFile(profilesJson)) {
            throw new BuildFailure("No JSON file found");
        }
        JsonObject profiles = parse(Files.readString(profilesJson));
        JsonObject built = profiles.getJsonObject("profiles");
        if (built == null || !built.containsKey(profileId)) {
            throw new BuildFailure("Profile not found in JSON file");
        }
        for (JsonValue value : built.getJsonObject(profileId).getJsonArray("images")) {
            JsonObject entry = value.asJsonObject();
            Path file = binDir.resolve(entry.getString("name")).normalize();
            if (!file.startsWith(binDir) || !Files.isRegularFile(file)) {
                throw new BuildFailure("Image " + entry.getString("name") + " of profiles.json was not built");
            }
            if (!FileTree.sha256(file).equals(entry.getString("sha256"))) {
                throw new BuildFailure("Image " + entry.getString("name") + " does not match its sha256 in profiles.json");
            }
        }
        return profiles;
    }

    /** {@code <asu.store.dir>/<request_hash>/}, replacing what an expired earlier build left there. */
    private Path storeImages(Path binDir, String requestHash) throws IOException {
        Path target = Path.of(storeDir, requestHash);
        Files.createDirectories(target.getParent());
        deleteQuietly(target);
        Files.move(binDir, target);
        return target;
    }

    /** The 200 body (§3.9): profiles.json without {@code profiles}, the built profile merged in, and what the build did. */
    private static JsonObject result(JsonObject profiles, Map<String, String> manifest, String profileId, Path stored,
                                     List<String> buildPackages, Progress progress) {
        JsonObjectBuilder result = Json.createObjectBuilder();
        profiles.forEach((key, value) -> {
            if (!key.equals("profiles")) {
                result.add(key, value);
            }
        });
        profiles.getJsonObject("profiles").getJsonObject(profileId).forEach(result::add);
        JsonObjectBuilder manifestJson = Json.createObjectBuilder();
        manifest.forEach(manifestJson::add);
        result.add("manifest", manifestJson)
                .add("id", profileId)
                .add("bin_dir", stored.getFileName().toString())
                .add("build_cmd_packages", Json.createArrayBuilder(buildPackages))
                .add("build_at", BUILD_AT.format(Instant.ofEpochSecond(sourceDateEpoch(profiles))))
                .add("detail", "done");
        progress.details().forEach((key, value) -> {
            if (!key.equals("detail")) {
                result.add(key, value);
            }
        });
        return result.build();
    }

    /**
     * Records the failure with its reason ({@code Error: <reason>}), or just {@code failed} when
     * the reason is internal and stays in the server log; the reason also goes to the public
     * build error log.
     */
    private void fail(Progress progress, BuildRequest request, String reason) {
        String detail = reason == null ? "failed" : "Error: " + reason;
        progress.detail(detail);
        store.finish(progress.requestHash, BuildStatus.FAILED, progress.details(), Durations.parse(failureTtl));
        progress.finished(BuildStatus.FAILED);
        statistics.record(BuildStatistics.Event.FAILURES);
        errorLog.record(request.version(), request.target(), request.profile(), reason == null ? "failed" : reason);
        LOG.info(() -> "build " + progress.requestHash + " failed: " + detail);
    }

    /** A defaults script is personal, a versioned request is reproducible: keep them for different times. */
    private Duration resultTtl(BuildRequest request) {
        if (request.hasDefaults()) {
            return Durations.parse(defaultsTtl);
        }
        if (!request.packagesVersions().isEmpty()) {
            return Durations.parse(versionedTtl);
        }
        return Durations.parse(unversionedTtl);
    }

    private static long sourceDateEpoch(JsonObject profiles) {
        JsonValue epoch = profiles.get("source_date_epoch");
        if (epoch instanceof JsonNumber number) {
            return number.longValue();
        }
        return epoch instanceof JsonString text ? Long.parseLong(text.getString()) : 0;
    }

    private static List<String> withoutPlus(List<String> packages) {
        return packages.stream().map(name -> name.startsWith("+") ? name.substring(1) : name).toList();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            FileTree.delete(directory);
        } catch (IOException e) {
            LOG.warning(() -> "could not delete " + directory + ": " + e);
        }
    }

    /**
     * What clients see of a running build: the request as built, the last command's output, the
     * build command; and for the metrics how long each stage and the whole build took.
     */
    private final class Progress {
        private final String requestHash;
        private final Map<String, JsonValue> details = new java.util.LinkedHashMap<>();
        private final Instant began = Instant.now();
        private String stage;
        private Instant stageBegan;

        Progress(String requestHash, JsonObject request) {
            this.requestHash = requestHash;
            details.put("detail", Json.createValue("init"));
            details.put("request", request);
        }

        void stage(String imagebuilderStatus) {
            endStage();
            stage = imagebuilderStatus;
            stageBegan = Instant.now();
            store.stage(requestHash, imagebuilderStatus, details());
        }

        void finished(BuildStatus outcome) {
            endStage();
            meter.buildFinished(outcome, Duration.between(began, Instant.now()));
        }

        private void endStage() {
            if (stage != null) {
                meter.stageFinished(stage, Duration.between(stageBegan, Instant.now()));
                stage = null;
            }
        }

        CommandResult ran(CommandResult result) {
            details.put("stdout", Json.createValue(result.stdout()));
            details.put("stderr", Json.createValue(result.stderr()));
            return result;
        }

        /** The request echoed with the canonical profile and the package list after the rewrites. */
        void request(BuildRequest request, String profileId, List<String> packages) {
            details.put("request", Json.createObjectBuilder(request.toJson()).add("profile", profileId)
                    .add("packages", Json.createArrayBuilder(packages)).build());
        }

        void buildCmd(List<String> command) {
            details.put("build_cmd", Json.createArrayBuilder(command).build());
        }

        void detail(String detail) {
            details.put("detail", Json.createValue(detail));
        }

        JsonObject details() {
            JsonObjectBuilder json = Json.createObjectBuilder();
            details.forEach(json::add);
            return json.build();
        }
    }
}

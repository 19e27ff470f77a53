package org.openwrt.asu.builder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.Branches;
import org.openwrt.asu.application.BuildCompletion;
import org.openwrt.asu.application.BuildPolicy;
import org.openwrt.asu.application.ImageStore;
import org.openwrt.asu.application.ImageStoreUnavailableException;
import org.openwrt.asu.builder.imagebuilder.FileTree;
import org.openwrt.asu.builder.imagebuilder.ImageBuilder;
import org.openwrt.asu.builder.imagebuilder.ImageBuilderCache;
import org.openwrt.asu.builder.imagebuilder.ImageBuilderException;
import org.openwrt.asu.builder.sandbox.CommandResult;
import org.openwrt.asu.builder.sandbox.CommandTimeoutException;
import org.openwrt.asu.builder.sandbox.SandboxUnavailableException;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildProgress;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.RequestHash;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The recipe of one build, top to bottom, in the order of the original server's
 * {@code build.py}: set up the ImageBuilder, {@code make info} and the revision check, the
 * package list, {@code make manifest} and the version check, {@code make image}, then the
 * checked images go to the store. Each step reports its {@code imagebuilder_status} as it
 * starts; {@link BuildCompletion} keeps the books (state, result, statistics, metrics).
 *
 * <p>A build that cannot succeed is recorded as failed with its reason; only when Redis itself
 * or the shared image store fails does the exception escape, so the message is delivered again.
 */
@ApplicationScoped
public class BuildRecipe {

    private static final Logger LOG = Logger.getLogger(BuildRecipe.class.getName());
    private static final String DEFAULTS_SCRIPT = "etc/uci-defaults/99-asu-defaults";

    private BuildCompletion completion;
    private Branches branches;
    private ImageBuilderCache imageBuilders;
    private BuildPolicy policy;
    private ImageStore store;
    private Path dataDir;

    protected BuildRecipe() {
    }

    @Inject
    public BuildRecipe(BuildCompletion completion, Branches branches, ImageBuilderCache imageBuilders, BuildPolicy policy,
                       ImageStore store, @ConfigProperty(name = "asu.data.dir") String dataDir) {
        this.completion = completion;
        this.branches = branches;
        this.imageBuilders = imageBuilders;
        this.policy = policy;
        this.store = store;
        this.dataDir = Path.of(dataDir);
    }

    public void build(String requestHash) {
        Optional<BuildProgress> started = completion.start(requestHash);
        if (started.isEmpty()) {
            LOG.fine(() -> "build " + requestHash + " is finished or expired; nothing to do");
            return;
        }
        BuildProgress progress = started.get();
        Path workDir = dataDir.resolve("builds").resolve(requestHash);
        try {
            completion.done(progress, build(progress, workDir));
        } catch (JedisException | ImageStoreUnavailableException e) {
            throw e;
        } catch (BuildFailure | ImageBuilderException | CommandTimeoutException | SandboxUnavailableException e) {
            completion.failed(progress, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("build " + requestHash + " interrupted; it is delivered again", e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "build " + requestHash + " failed unexpectedly", e);
            completion.failed(progress, null);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private JsonObject build(BuildProgress progress, Path workDir) throws IOException, InterruptedException {
        BuildRequest request = progress.request();
        Branch branch = branches.ofVersion(request.version())
                .orElseThrow(() -> new BuildFailure("Unsupported branch: " + request.version()));
        FileTree.delete(workDir); // left behind by a build cut short by a crash
        Path binDir = Files.createDirectories(workDir.resolve("bin"));
        Path filesDir = Files.createDirectories(workDir.resolve("files"));

        completion.stage(progress, "container_setup");
        return imageBuilders.use(branch, request.version(), request.target(), sharedImageBuilder -> {
            ImageBuilder imageBuilder = injectRepositories(request, sharedImageBuilder, workDir);
            CommandResult info = ran(progress, imageBuilder.make(List.of(), List.of("info")));

            completion.stage(progress, "validate_revision");
            MakeInfo makeInfo = MakeInfo.parse(info.stdout());
            if (!request.versionCode().isEmpty() && !request.versionCode().equals(makeInfo.revision())) {
                throw new BuildFailure("Received incorrect version " + makeInfo.revision()
                        + " (requested " + request.versionCode() + ")");
            }
            MakeInfo.Profile profile = makeInfo.profile(request.profile())
                    .orElseThrow(() -> new BuildFailure("Unsupported profile: " + request.profile()));
            List<String> packages = PackageRewrites.apply(request.version(), request.target(), profile.id(),
                    withoutPlus(request.requestedPackages()));
            progress.requestAsBuilt(profile.id(), packages);
            completion.requestedPackages(branch.name(), packages.stream()
                    .filter(name -> !name.startsWith("-") && !makeInfo.packagesOf(profile).contains(name)).toList());
            List<String> buildPackages = request.diffPackages()
                    ? PackageSelection.diff(packages, makeInfo.packagesOf(profile)) : packages;

            completion.stage(progress, "validate_manifest");
            CommandResult manifestRun = ran(progress, imageBuilder.make(List.of(), List.of("manifest",
                    "PROFILE=" + profile.id(), "PACKAGES=" + String.join(" ", buildPackages), "STRIP_ABI=1")));
            if (!manifestRun.succeeded()) {
                throw new BuildFailure(PackageErrors.classify(manifestRun.stderr()));
            }
            Map<String, String> manifest = Manifest.parse(manifestRun.stdout());
            String versionMismatch = Manifest.mismatch(manifest, request.packagesVersions());
            if (versionMismatch != null) {
                throw new BuildFailure(versionMismatch);
            }

            List<String> imageArguments = new ArrayList<>(List.of("image", "PROFILE=" + profile.id(),
                    "PACKAGES=" + String.join(" ", buildPackages),
                    "EXTRA_IMAGE_NAME=" + RequestHash.packagesHash(manifest.keySet()).substring(0, 12),
                    "BIN_DIR=" + binDir.toAbsolutePath()));
            if (request.hasDefaults()) {
                Path script = filesDir.resolve(DEFAULTS_SCRIPT);
                Files.createDirectories(script.getParent());
                Files.writeString(script, request.defaults());
                imageArguments.add("FILES=" + filesDir.toAbsolutePath());
            }
            if (request.rootfsSizeMb() != null) {
                imageArguments.add("ROOTFS_PARTSIZE=" + request.rootfsSizeMb());
            }
            if (request.filesystem() != null) {
                imageArguments.add("ROOTFS_FILESYSTEM=" + request.filesystem());
            }
            List<String> buildCmd = new ArrayList<>(List.of("make"));
            buildCmd.addAll(imageArguments);
            progress.buildCmd(buildCmd);

            completion.stage(progress, "building_image");
            CommandResult image = ran(progress, imageBuilder.make(List.of(binDir, filesDir), imageArguments));
            BuildResult result = BuildResult.check(image, binDir, profile.id());

            store.put(progress.requestHash(), binDir);
            return result.answer(manifest, progress.requestHash(), buildPackages, progress.details());
        });
    }

    /**
     * The request's own feeds and keys, merged into a private copy of the repositories
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

    private static CommandResult ran(BuildProgress progress, CommandResult result) {
        progress.output(result.stdout(), result.stderr());
        return result;
    }

    private static List<String> withoutPlus(List<String> packages) {
        return packages.stream().map(name -> name.startsWith("+") ? name.substring(1) : name).toList();
    }

    private static void deleteQuietly(Path directory) {
        try {
            FileTree.delete(directory);
        } catch (IOException e) {
            LOG.warning(() -> "could not delete " + directory + ": " + e);
        }
    }
}

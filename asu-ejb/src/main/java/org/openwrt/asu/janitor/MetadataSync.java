package org.openwrt.asu.janitor;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.Branches;
import org.openwrt.asu.application.MetadataRefresh;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.DeviceProfiles;
import org.openwrt.asu.domain.PackageIndex;
import org.openwrt.asu.domain.SyncReport;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile;

/**
 * Copies the upstream metadata into Redis: {@code .versions.json}, then per version
 * {@code .targets.json} and {@code .overview.json}, then per target {@code profiles.json} and the
 * target and kmods package indexes, and per architecture the package feeds. Every file is fetched
 * conditionally, so a pass where nothing changed transfers (almost) nothing. A file that fails
 * or does not parse keeps its last good copy and is reported.
 */
@ApplicationScoped
public class MetadataSync implements MetadataRefresh {

    private static final Logger LOG = Logger.getLogger(MetadataSync.class.getName());

    private UpstreamClient upstream;
    private MetadataStore store;
    private Map<String, Branch> branches;
    private ThreadFactory threads;
    private int parallelFetches;
    private int versionsPerBranch;
    private Duration lockExpiry;
    private final String node = UUID.randomUUID().toString();

    protected MetadataSync() {
    }

    @Inject
    public MetadataSync(UpstreamClient upstream, MetadataStore store, Branches branches,
                        ManagedThreadFactory threads,
                        @ConfigProperty(name = "asu.janitor.parallel-fetches") int parallelFetches,
                        @ConfigProperty(name = "asu.janitor.versions-per-branch") int versionsPerBranch,
                        @ConfigProperty(name = "asu.janitor.lock-expiry") Duration lockExpiry) {
        this(upstream, store, branches.all(), threads, parallelFetches, versionsPerBranch, lockExpiry);
    }

    /**
     * Wired by hand (tests), with plain threads in place of the container's.
     *
     * @param threads makes the threads of each pass: its fetches and the renewal of its lock
     */
    public MetadataSync(UpstreamClient upstream, MetadataStore store, List<Branch> branches, ThreadFactory threads,
                        int parallelFetches, int versionsPerBranch, Duration lockExpiry) {
        this.upstream = upstream;
        this.store = store;
        this.branches = new LinkedHashMap<>();
        branches.forEach(branch -> this.branches.put(branch.name(), branch));
        this.threads = threads;
        this.parallelFetches = parallelFetches;
        this.versionsPerBranch = versionsPerBranch;
        this.lockExpiry = lockExpiry;
    }

    /**
     * One full pass, unless another node is running one.
     *
     * @return what the pass did, or empty when another node holds the sync lock
     */
    public Optional<SyncReport> run() {
        if (!store.lockSync(node, lockExpiry)) {
            LOG.info("metadata sync skipped: another node is syncing");
            return Optional.empty();
        }
        // the lock is a lease, renewed while the pass runs: a node that dies mid-pass blocks the others for one expiry at most
        ScheduledExecutorService lease = Executors.newSingleThreadScheduledExecutor(threads);
        long renewEvery = Math.max(1, lockExpiry.toMillis() / 3);
        lease.scheduleAtFixedRate(() -> store.renewSync(node, lockExpiry), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        // a pool of the pass's own: the container's shared executor grows beyond one thread only when its queue is full
        ExecutorService pool = Executors.newFixedThreadPool(parallelFetches, threads);
        try {
            Pass pass = new Pass();
            syncAll(pass, pool);
            SyncReport report = pass.report();
            store.recordSync(report);
            LOG.info(() -> String.format("metadata sync done in %d ms: %d requests, %d not modified, %d changed, %d errors",
                    report.duration().toMillis(), report.requests(), report.notModified(), report.changed(),
                    report.errors().size()));
            return Optional.of(report);
        } finally {
            pool.shutdownNow();
            lease.shutdownNow();
            store.unlockSync(node);
        }
    }

    /**
     * Every candidate version's {@code .targets.json} first: only a version whose targets upstream
     * serves is kept in the catalogue (a configured branch's {@code -SNAPSHOT} may not exist);
     * then, for the {@link #deeplySynced} ones of each branch, the profiles and package indexes.
     */
    private void syncAll(Pass pass, ExecutorService pool) {
        Optional<Fetched> versionsFile = pass.fetch("/.versions.json", text -> {
            VersionCatalog.of(parse(text), List.copyOf(branches.values()));
            return text;
        });
        if (!pass.errors.isEmpty()) {
            // the catalogue failing means the upstream is down: keep everything, try next time
            return;
        }
        VersionCatalog candidates = versionsFile
                .map(file -> VersionCatalog.of(parse(file.body()), List.copyOf(branches.values())))
                .orElseGet(store::versions);

        Map<String, Future<Map<String, String>>> targetsOfVersion = new LinkedHashMap<>();
        candidates.versions().forEach(version -> targetsOfVersion.put(version, pool.submit(() -> syncVersion(pass, version))));
        Map<String, Map<String, String>> published = new LinkedHashMap<>();
        targetsOfVersion.forEach((version, targets) -> await(pass, targets)
                .filter(targetArchs -> !targetArchs.isEmpty()).ifPresent(targetArchs -> published.put(version, targetArchs)));
        VersionCatalog catalog = candidates.published(published::containsKey);
        store.keepVersions(catalog);

        List<Future<?>> work = new ArrayList<>();
        branches.values().stream().filter(Branch::enabled).forEach(branch ->
                deeplySynced(catalog.versionsOf(branch.name(), branches.keySet())).forEach(version -> {
                    Map<String, String> targetArchs = published.get(version);
                    targetArchs.forEach((target, arch) -> work.add(pool.submit(() -> syncTarget(pass, version, target, arch))));
                    new LinkedHashSet<>(targetArchs.values()).stream().filter(arch -> !arch.isEmpty())
                            .forEach(arch -> work.add(pool.submit(() -> syncFeeds(pass, version, arch))));
                }));
        work.forEach(future -> await(pass, future));
    }

    /**
     * Of a branch's versions (newest first), those whose profiles and package indexes are kept
     * current: the newest releases, and its snapshot, which sorts below them but is what devices
     * tracking the branch ask for.
     */
    private List<String> deeplySynced(List<String> versionsOfBranch) {
        List<String> deep = new ArrayList<>(versionsOfBranch.stream().filter(version -> !version.endsWith("SNAPSHOT"))
                .limit(versionsPerBranch).toList());
        versionsOfBranch.stream().filter(version -> version.endsWith("SNAPSHOT")).forEach(deep::add);
        return deep;
    }

    /** {@code .targets.json} and {@code .overview.json}; returns the targets (target to arch) known now. */
    private Map<String, String> syncVersion(Pass pass, String version) {
        String base = pathOf(version);
        Optional<Fetched> targets = pass.fetch(base + "/.targets.json", MetadataSync::validJson);
        pass.fetch(base + "/.overview.json", MetadataSync::validJson);
        Map<String, String> targetArchs = new TreeMap<>();
        targets.ifPresent(file -> parse(file.body()).forEach((target, arch) ->
                targetArchs.put(target, arch instanceof JsonString text ? text.getString() : "")));
        return targetArchs;
    }

    private Void syncTarget(Pass pass, String version, String target, String arch) {
        String base = pathOf(version) + "/targets/" + target;
        Optional<Fetched> profiles = pass.fetch(base + "/profiles.json", text -> {
            DeviceProfiles.of(parse(text));
            return text;
        });
        profiles.filter(file -> file.changed() || store.profileNames(version, target).isEmpty())
                .ifPresent(file -> store.keepProfileNames(version, target, DeviceProfiles.of(parse(file.body())).aliases()));

        Optional<Fetched> packages = feedIndex(pass, base + "/packages");
        Optional<Fetched> kmods = profiles.map(file -> parse(file.body()).getJsonObject("linux_kernel"))
                .flatMap(kernel -> feedIndex(pass, base + "/kmods/" + kernel.getString("version") + "-"
                        + kernel.getString("release") + "-" + kernel.getString("vermagic")));
        boolean changed = packages.map(Fetched::changed).orElse(false) || kmods.map(Fetched::changed).orElse(false);
        if (packages.isPresent() && (changed || store.targetPackages(version, target).isEmpty())) {
            PackageIndex index = PackageIndex.fromIndexJson(parse(packages.get().body()));
            if (index.architecture().isEmpty()) {
                index = new PackageIndex(arch, index.packages());
            }
            if (kmods.isPresent()) {
                index = index.merge(PackageIndex.fromIndexJson(parse(kmods.get().body())).packages());
            }
            store.keepTargetPackages(version, target, index);
        }
        return null;
    }

    /** The feeds named in the arch's {@code feeds.conf}, merged into one name-to-version map. */
    private Void syncFeeds(Pass pass, String version, String arch) {
        String base = pathOf(version) + "/packages/" + arch;
        Optional<Fetched> feedsConf = pass.fetch(base + "/feeds.conf", UnaryOperator.identity());
        if (feedsConf.isEmpty()) {
            return null;
        }
        List<Fetched> feeds = new ArrayList<>();
        for (String feed : feedNames(feedsConf.get().body())) {
            feedIndex(pass, base + "/" + feed).ifPresent(feeds::add);
        }
        boolean changed = feedsConf.get().changed() || feeds.stream().anyMatch(Fetched::changed);
        if (changed || store.feedPackages(version, arch).isEmpty()) {
            PackageIndex merged = new PackageIndex(arch, Map.of());
            for (Fetched feed : feeds) {
                merged = merged.merge(PackageIndex.fromIndexJson(parse(feed.body())).packages());
            }
            store.keepFeedPackages(version, arch, merged);
        }
        return null;
    }

    /**
     * A feed's packages as an index.json-shaped body: the apk-era {@code index.json} (version 2)
     * as is, else the opkg {@code Packages} file parsed (names without ABI suffix), else a version 1
     * {@code index.json}.
     */
    private Optional<Fetched> feedIndex(Pass pass, String feed) {
        Optional<Fetched> indexJson = pass.fetch(feed + "/index.json", text -> {
            PackageIndex.fromIndexJson(parse(text));
            return text;
        });
        if (indexJson.isPresent() && PackageIndex.formatVersion(parse(indexJson.get().body())) >= 2) {
            return indexJson;
        }
        Optional<Fetched> packages = pass.fetch(feed + "/Packages",
                text -> PackageIndex.fromOpkgPackages(text).toJson().toString());
        return packages.isPresent() ? packages : indexJson;
    }

    static List<String> feedNames(String feedsConf) {
        List<String> names = new ArrayList<>();
        for (String line : feedsConf.split("\n")) {
            List<String> tokens = new ArrayList<>(List.of(line.trim().split("\\s+")));
            tokens.removeIf(token -> token.startsWith("--"));
            if (tokens.size() >= 2 && tokens.get(0).startsWith("src")) {
                names.add(tokens.get(1));
            }
        }
        return names;
    }

    /** A version new to the catalogue is kept only once its targets are read, as in a full pass. */
    @Override
    public void refreshVersions() {
        Pass pass = new Pass();
        List<String> known = store.versions().versions();
        pass.fetch("/.versions.json", UnaryOperator.identity())
                .ifPresent(file -> store.keepVersions(VersionCatalog.of(parse(file.body()), List.copyOf(branches.values()))
                        .published(version -> known.contains(version) || !syncVersion(pass, version).isEmpty())));
    }

    @Override
    public void refreshTargets(String version) {
        if (branchOf(version).isPresent()) {
            syncVersion(new Pass(), version);
        }
    }

    @Override
    public void refreshProfiles(String version, String target) {
        if (branchOf(version).isEmpty()) {
            return;
        }
        new Pass().fetch(pathOf(version) + "/targets/" + target + "/profiles.json", MetadataSync::validJson)
                .ifPresent(file -> store.keepProfileNames(version, target, DeviceProfiles.of(parse(file.body())).aliases()));
    }

    @Override
    public void refreshPackages(String version, String target) {
        if (branchOf(version).isEmpty()) {
            return;
        }
        Pass pass = new Pass();
        String arch = syncVersion(pass, version).get(target);
        if (arch == null) {
            return;
        }
        syncTarget(pass, version, target, arch);
        if (!arch.isEmpty()) {
            syncFeeds(pass, version, arch);
        }
    }

    /** The upstream directory of a version, {@code /releases/24.10.2} or {@code /snapshots}. */
    private String pathOf(String version) {
        return "/" + branchOf(version).orElseThrow().pathOf(version);
    }

    private Optional<Branch> branchOf(String version) {
        return Optional.ofNullable(branches.get(Branch.nameOf(version, branches.keySet())));
    }

    private static <T> Optional<T> await(Pass pass, Future<T> future) {
        try {
            return Optional.ofNullable(future.get());
        } catch (ExecutionException e) {
            pass.error("sync task failed: " + e.getCause());
            LOG.log(Level.WARNING, "metadata sync task failed", e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String validJson(String text) {
        parse(text);
        return text;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** A file's current body, and whether this pass downloaded a new version of it. */
    private record Fetched(String body, boolean changed) {
    }

    /** Counts and errors of one pass; shared by the pool's threads. */
    private final class Pass {
        private final long started = System.nanoTime();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger notModified = new AtomicInteger();
        private final AtomicInteger changed = new AtomicInteger();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

        /**
         * The current body of an upstream file after {@code normalise} (which throws on a malformed
         * file): freshly downloaded, or the kept copy when unchanged, failing or malformed; empty
         * when upstream answers 404 (and the kept copy is dropped).
         */
        Optional<Fetched> fetch(String path, UnaryOperator<String> normalise) {
            Optional<String> kept = store.file(path);
            UpstreamFile answer;
            try {
                requests.incrementAndGet();
                answer = upstream.get(path, store.validators(path));
            } catch (IOException e) {
                error(path + ": " + e);
                return kept.map(body -> new Fetched(body, false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return kept.map(body -> new Fetched(body, false));
            }
            if (answer.notModified() && kept.isPresent()) {
                notModified.incrementAndGet();
                return kept.map(body -> new Fetched(body, false));
            }
            if (answer.status() == 404) {
                // gone upstream: nothing may still list it
                store.forgetFile(path);
                return Optional.empty();
            }
            if (!answer.changed()) {
                error(path + ": HTTP " + answer.status());
                return kept.map(body -> new Fetched(body, false));
            }
            try {
                String body = normalise.apply(answer.body());
                store.keepFile(path, answer.validators(), body);
                changed.incrementAndGet();
                return Optional.of(new Fetched(body, true));
            } catch (RuntimeException malformed) {
                error(path + ": malformed: " + malformed.getMessage());
                return kept.map(body -> new Fetched(body, false));
            }
        }

        void error(String message) {
            LOG.warning(() -> "metadata sync: " + message + " (keeping the last good copy)");
            errors.add(message);
        }

        SyncReport report() {
            return new SyncReport(Instant.now(), Duration.ofNanos(System.nanoTime() - started), requests.get(),
                    notModified.get(), changed.get(), new ArrayList<>(errors));
        }
    }
}

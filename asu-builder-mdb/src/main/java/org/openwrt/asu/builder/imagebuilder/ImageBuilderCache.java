package org.openwrt.asu.builder.imagebuilder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.application.ImageBuilderInventory;
import org.openwrt.asu.builder.sandbox.Sandbox;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;

/**
 * The ImageBuilders of this node, one per version and target under
 * {@code <asu.data.dir>/imagebuilders/}, each extracted from the upstream archive only after
 * the target's {@code sha256sums} passed the branch's usign signature and the archive its
 * sha256. Before every use the sums are fetched again (conditionally): when upstream
 * published a new ImageBuilder it replaces the old one. One build at a time uses an
 * ImageBuilder, because {@code make} writes into it; builds of other targets run in parallel.
 *
 * <pre>
 * imagebuilders/24.10.2/ath79-generic/sha256sums        verified sums of the extracted archive; touched
 *                                                       whenever upstream confirmed them
 *                                     sha256sums.etag   for the conditional GET
 *                                     imagebuilder/     the extracted ImageBuilder
 *                                     .lock             against other servers sharing the data dir
 * </pre>
 */
@ApplicationScoped
public class ImageBuilderCache implements ImageBuilderInventory {

    private static final Logger LOG = Logger.getLogger(ImageBuilderCache.class.getName());

    /** The work a build does with a ready ImageBuilder. */
    @FunctionalInterface
    public interface Use<T> {
        T with(ImageBuilder imageBuilder) throws IOException, InterruptedException;
    }

    /** One cache directory's files, as laid out above. */
    record Directory(Path path) {
        Path extracted() {
            return path.resolve("imagebuilder");
        }

        Path sums() {
            return path.resolve("sha256sums");
        }

        Path etag() {
            return path.resolve("sha256sums.etag");
        }

        Path lock() {
            return path.resolve(".lock");
        }
    }

    /** An ImageBuilder's size as measured when its sums were last touched. */
    private record Measured(Optional<Instant> refreshed, long sizeBytes) {
    }

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /**
     * Sizes of the ImageBuilders no build uses: every heartbeat lists the cache, and walking
     * every extracted tree each time would cost more than the heartbeat itself. An ImageBuilder
     * changes only under a build, which touches its sums first, so a size stays right while they
     * have not been touched.
     */
    private final ConcurrentHashMap<Path, Measured> sizes = new ConcurrentHashMap<>();
    private Path home;
    private Sandbox sandbox;
    private ImageBuilderDownload download;

    /** For the CDI proxy. */
    protected ImageBuilderCache() {
    }

    /** @param downloadTimeout the longest an archive download may take ({@code asu.build.timeout}) */
    @Inject
    public ImageBuilderCache(@ConfigProperty(name = "asu.data.dir") String dataDir, UpstreamClient upstream,
                             @ConfigProperty(name = "asu.build.timeout") Duration downloadTimeout,
                             Sandbox sandbox, BuildMeter meter) {
        this.home = Path.of(dataDir, "imagebuilders");
        this.sandbox = sandbox;
        this.download = new ImageBuilderDownload(upstream, downloadTimeout, meter);
    }

    @Override
    public List<CachedImageBuilder> list() {
        return cacheDirectories().stream().map(cache -> describe(cache, lockOf(cache).isLocked())).toList();
    }

    @Override
    public Purge purgeAll() {
        List<CachedImageBuilder> purged = new ArrayList<>();
        List<CachedImageBuilder> busy = new ArrayList<>();
        for (Path cache : cacheDirectories()) {
            CachedImageBuilder before = describe(cache, false);
            if (deleteUnlessHeld(cache)) {
                purged.add(before);
            } else {
                busy.add(describe(cache, true));
            }
        }
        return new Purge(purged, busy);
    }

    @Override
    public Optional<Purge> purge(String version, String target) {
        Path cache = cacheOf(version, target);
        if (!cacheDirectories().contains(cache)) {
            return Optional.empty();
        }
        CachedImageBuilder before = describe(cache, false);
        return Optional.of(deleteUnlessHeld(cache) ? new Purge(List.of(before), List.of())
                : new Purge(List.of(), List.of(describe(cache, true))));
    }

    /** Runs {@code use} with the current verified ImageBuilder of {@code version}/{@code target}, alone. */
    public <T> T use(Branch branch, String version, String target, Use<T> use) throws IOException, InterruptedException {
        Directory cache = new Directory(Files.createDirectories(cacheOf(version, target)));
        ReentrantLock lock = lockOf(cache.path());
        lock.lockInterruptibly();
        try (FileChannel lockFile = FileChannel.open(cache.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            Path extracted = download.refresh(cache, "/" + branch.pathOf(version) + "/targets/" + target + "/", branch);
            return use.with(new ImageBuilder(extracted, sandbox));
        } finally {
            lock.unlock();
        }
    }

    private Path cacheOf(String version, String target) {
        return home.resolve(version).resolve(target.replace('/', '-'));
    }

    /** This node's lock of one cache directory; the file lock in it keeps other servers sharing the data dir out. */
    private ReentrantLock lockOf(Path cache) {
        return locks.computeIfAbsent(cache.toString(), key -> new ReentrantLock());
    }

    /** The cache directories that hold an extracted ImageBuilder, by version and target. */
    private List<Path> cacheDirectories() {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> caches = Files.list(home).filter(Files::isDirectory).flatMap(ImageBuilderCache::children)) {
            return caches.filter(cache -> Files.isDirectory(new Directory(cache).extracted())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the ImageBuilder cache " + home, e);
        }
    }

    private static Stream<Path> children(Path versionDir) {
        try {
            return Files.list(versionDir).filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + versionDir, e);
        }
    }

    private CachedImageBuilder describe(Path cache, boolean inUse) {
        Path sums = new Directory(cache).sums();
        Optional<Instant> refreshed;
        try {
            refreshed = Files.exists(sums) ? Optional.of(Files.getLastModifiedTime(sums).toInstant()) : Optional.empty();
        } catch (IOException e) {
            refreshed = Optional.empty();
        }
        // directories are named <board>-<subtarget>; neither part contains a '-'
        return new CachedImageBuilder(cache.getParent().getFileName().toString(),
                cache.getFileName().toString().replaceFirst("-", "/"), sizeOf(cache, refreshed), refreshed, inUse);
    }

    /** A build writes into the ImageBuilder it holds: that one is measured each time and not remembered. */
    private long sizeOf(Path cache, Optional<Instant> refreshed) {
        boolean inUse = lockOf(cache).isLocked();
        Measured known = sizes.get(cache);
        if (!inUse && known != null && known.refreshed().equals(refreshed)) {
            return known.sizeBytes();
        }
        long size = FileTree.size(new Directory(cache).extracted());
        if (!inUse) {
            sizes.put(cache, new Measured(refreshed, size));
        }
        return size;
    }

    /** Deletes the extracted ImageBuilder and its sums unless a build (of any server sharing the directory) holds it. */
    private boolean deleteUnlessHeld(Path cache) {
        ReentrantLock lock = lockOf(cache);
        if (!lock.tryLock()) {
            return false;
        }
        Directory files = new Directory(cache);
        try (FileChannel lockFile = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lockFile.tryLock()) {
            if (held == null) {
                return false;
            }
            Files.deleteIfExists(files.sums());
            Files.deleteIfExists(files.etag());
            FileTree.delete(files.extracted());
            LOG.info(() -> "purged the ImageBuilder in " + cache);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge the ImageBuilder in " + cache, e);
        } finally {
            lock.unlock();
        }
    }
}

package org.openwrt.asu.builder.imagebuilder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final String EXTRACTED = "imagebuilder";
    private static final String SUMS = "sha256sums";
    private static final String ETAG = "sha256sums.etag";

    /** The work a build does with a ready ImageBuilder. */
    @FunctionalInterface
    public interface Use<T> {
        T with(ImageBuilder imageBuilder) throws IOException, InterruptedException;
    }

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private Path home;
    private String upstreamUrl;
    private Duration downloadTimeout;
    private Sandbox sandbox;
    private BuildMeter meter;
    private HttpClient http;

    /** For the CDI proxy. */
    protected ImageBuilderCache() {
    }

    @Inject
    public ImageBuilderCache(@ConfigProperty(name = "asu.data.dir") String dataDir,
                             @ConfigProperty(name = "asu.upstream.url") String upstreamUrl,
                             @ConfigProperty(name = "asu.build.timeout") Duration downloadTimeout,
                             Sandbox sandbox, BuildMeter meter) {
        this.home = Path.of(dataDir, "imagebuilders");
        this.upstreamUrl = upstreamUrl.replaceAll("/+$", "");
        this.downloadTimeout = downloadTimeout;
        this.sandbox = sandbox;
        this.meter = meter;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
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
        Path cache = Files.createDirectories(cacheOf(version, target));
        ReentrantLock lock = lockOf(cache);
        lock.lockInterruptibly();
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            Path directory = refresh(cache, URI.create(upstreamUrl + "/" + branch.pathOf(version)
                    + "/targets/" + target + "/"), branch);
            return use.with(new ImageBuilder(directory, sandbox));
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
            return caches.filter(cache -> Files.isDirectory(cache.resolve(EXTRACTED))).sorted().toList();
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
        Path sums = cache.resolve(SUMS);
        Optional<Instant> refreshed;
        try {
            refreshed = Files.exists(sums) ? Optional.of(Files.getLastModifiedTime(sums).toInstant()) : Optional.empty();
        } catch (IOException e) {
            refreshed = Optional.empty();
        }
        // directories are named <board>-<subtarget>; neither part contains a '-'
        return new CachedImageBuilder(cache.getParent().getFileName().toString(),
                cache.getFileName().toString().replaceFirst("-", "/"), FileTree.size(cache.resolve(EXTRACTED)), refreshed, inUse);
    }

    /** Deletes the extracted ImageBuilder and its sums unless a build (of any server sharing the directory) holds it. */
    private boolean deleteUnlessHeld(Path cache) {
        ReentrantLock lock = lockOf(cache);
        if (!lock.tryLock()) {
            return false;
        }
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lockFile.tryLock()) {
            if (held == null) {
                return false;
            }
            Files.deleteIfExists(cache.resolve(SUMS));
            Files.deleteIfExists(cache.resolve(ETAG));
            FileTree.delete(cache.resolve(EXTRACTED));
            LOG.info(() -> "purged the ImageBuilder in " + cache);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot purge the ImageBuilder in " + cache, e);
        } finally {
            lock.unlock();
        }
    }

    private Path refresh(Path cache, URI targetUrl, Branch branch) throws IOException, InterruptedException {
        Path extracted = cache.resolve(EXTRACTED);
        Path sumsFile = cache.resolve(SUMS);
        Path etagFile = cache.resolve(ETAG);
        boolean cached = Files.isDirectory(extracted) && Files.exists(sumsFile);

        HttpResponse<byte[]> sums;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(targetUrl.resolve("sha256sums")).timeout(METADATA_TIMEOUT);
            if (cached && Files.exists(etagFile)) {
                request.header("If-None-Match", Files.readString(etagFile));
            }
            sums = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (cached) {
                LOG.warning(() -> "upstream unreachable (" + e + "); building with the cached ImageBuilder in " + extracted);
                return extracted;
            }
            throw new ImageBuilderException("Could not set up ImageBuilder: " + targetUrl + "sha256sums unreachable", e);
        }
        if (cached && sums.statusCode() == 304) {
            Files.setLastModifiedTime(sumsFile, FileTime.from(Instant.now()));
            return extracted;
        }
        if (sums.statusCode() != 200) {
            throw new ImageBuilderException("Could not set up ImageBuilder: " + targetUrl + "sha256sums answered "
                    + sums.statusCode());
        }
        Optional<String> etag = sums.headers().firstValue("ETag");
        if (cached && Arrays.equals(sums.body(), Files.readAllBytes(sumsFile))) {
            Files.setLastModifiedTime(sumsFile, FileTime.from(Instant.now()));
            writeEtag(etagFile, etag);
            return extracted;
        }

        Sha256Sums verified = verify(targetUrl, sums.body(), branch);
        String archive = verified.imageBuilderArchive().orElseThrow(() -> new ImageBuilderException(
                "Could not set up ImageBuilder: " + targetUrl + "sha256sums lists no ImageBuilder"));
        String archiveHash = verified.hashes().get(archive);
        if (cached && archiveHash.equals(Sha256Sums.parse(Files.readString(sumsFile)).hashes().get(archive))) {
            Files.write(sumsFile, sums.body());
            writeEtag(etagFile, etag);
            return extracted;
        }

        Path download = cache.resolve(archive);
        Path fresh = cache.resolve("imagebuilder.new");
        try {
            LOG.info(() -> "downloading ImageBuilder " + targetUrl + archive);
            String actual = download(targetUrl.resolve(archive), download);
            meter.imageBuilderDownloaded();
            if (!actual.equals(archiveHash)) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + archive
                        + " does not match its sha256sums entry (got " + actual + ", expected " + archiveHash + ")");
            }
            FileTree.delete(fresh);
            try {
                ArchiveExtraction.extract(download, fresh);
            } catch (ArchiveExtraction.UnsafeMemberException e) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + e.getMessage(), e);
            }
            Files.deleteIfExists(sumsFile);
            FileTree.delete(extracted);
            Files.move(fresh, extracted);
            Files.write(sumsFile, sums.body());
            writeEtag(etagFile, etag);
            return extracted;
        } finally {
            Files.deleteIfExists(download);
            FileTree.delete(fresh);
        }
    }

    private Sha256Sums verify(URI targetUrl, byte[] sums, Branch branch) throws IOException, InterruptedException {
        HttpResponse<String> signature = http.send(HttpRequest.newBuilder(targetUrl.resolve("sha256sums.sig"))
                .timeout(METADATA_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (signature.statusCode() != 200 || !Usign.verify(sums, signature.body(), branch.usignKeys())) {
            throw new ImageBuilderException("Could not set up ImageBuilder: the signature of " + targetUrl
                    + "sha256sums does not verify with the keys of branch " + branch.name());
        }
        try {
            return Sha256Sums.parse(new String(sums, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ImageBuilderException("Could not set up ImageBuilder: " + e.getMessage(), e);
        }
    }

    /** Streams the archive to disk and returns its sha256. */
    private String download(URI url, Path into) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url)
                .timeout(downloadTimeout).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + url + " answered " + response.statusCode());
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(into), sha256)) {
                body.transferTo(out);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static void writeEtag(Path etagFile, Optional<String> etag) throws IOException {
        if (etag.isPresent()) {
            Files.writeString(etagFile, etag.get());
        } else {
            Files.deleteIfExists(etagFile);
        }
    }
}

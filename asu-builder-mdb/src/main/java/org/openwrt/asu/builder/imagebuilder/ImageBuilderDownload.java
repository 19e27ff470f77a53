package org.openwrt.asu.builder.imagebuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Logger;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient.Download;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile.Validators;

/**
 * Brings one cache directory up to date with upstream, in three steps: the target's
 * {@code sha256sums} (conditionally) and its usign signature with the branch's keys, then the
 * archive those sums name, checked against its sum, then the archive's safe extraction, which
 * replaces the old ImageBuilder only once complete. When upstream is unreachable a cached
 * ImageBuilder is used as it is. Runs under the cache's lock.
 */
final class ImageBuilderDownload {

    private static final Logger LOG = Logger.getLogger(ImageBuilderDownload.class.getName());

    private final UpstreamClient upstream;
    private final Duration archiveTimeout;
    private final BuildMeter meter;

    ImageBuilderDownload(UpstreamClient upstream, Duration archiveTimeout, BuildMeter meter) {
        this.upstream = upstream;
        this.archiveTimeout = archiveTimeout;
        this.meter = meter;
    }

    /**
     * @param targetPath the target's upstream directory, {@code /releases/24.10.2/targets/ath79/generic/}
     * @return the extracted ImageBuilder to build with
     * @throws ImageBuilderException when there is no verified ImageBuilder to build with
     */
    Path refresh(ImageBuilderCache.Directory cache, String targetPath, Branch branch) throws IOException, InterruptedException {
        String targetUrl = upstream.baseUrl() + targetPath;
        boolean cached = Files.isDirectory(cache.extracted()) && Files.exists(cache.sums());
        UpstreamFile sums;
        try {
            sums = upstream.get(targetPath + "sha256sums", cached ? knownSums(cache) : Validators.NONE);
        } catch (IOException e) {
            if (cached) {
                LOG.warning(() -> "upstream unreachable (" + e + "); building with the cached ImageBuilder in " + cache.extracted());
                return cache.extracted();
            }
            throw new ImageBuilderException("Could not set up ImageBuilder: " + targetUrl + "sha256sums unreachable", e);
        }
        if (cached && sums.notModified()) {
            confirmed(cache, sums.validators(), null);
            return cache.extracted();
        }
        if (!sums.changed()) {
            throw new ImageBuilderException("Could not set up ImageBuilder: " + targetUrl + "sha256sums answered " + sums.status());
        }
        byte[] sumsBytes = sums.body().getBytes(StandardCharsets.UTF_8);
        if (cached && Arrays.equals(sumsBytes, Files.readAllBytes(cache.sums()))) {
            confirmed(cache, sums.validators(), null);
            return cache.extracted();
        }

        Sha256Sums verified = verified(targetPath, targetUrl, sumsBytes, branch);
        String archive = verified.imageBuilderArchive().orElseThrow(() -> new ImageBuilderException(
                "Could not set up ImageBuilder: " + targetUrl + "sha256sums lists no ImageBuilder"));
        String archiveHash = verified.hashes().get(archive);
        if (cached && archiveHash.equals(Sha256Sums.parse(Files.readString(cache.sums())).hashes().get(archive))) {
            // new sums, same ImageBuilder
            confirmed(cache, sums.validators(), sumsBytes);
            return cache.extracted();
        }
        replace(cache, targetPath, targetUrl, archive, archiveHash);
        confirmed(cache, sums.validators(), sumsBytes);
        return cache.extracted();
    }

    private static Validators knownSums(ImageBuilderCache.Directory cache) throws IOException {
        return Files.exists(cache.etag()) ? new Validators(Files.readString(cache.etag()), "") : Validators.NONE;
    }

    private Sha256Sums verified(String targetPath, String targetUrl, byte[] sums, Branch branch) throws IOException, InterruptedException {
        UpstreamFile signature = upstream.get(targetPath + "sha256sums.sig", Validators.NONE);
        if (!signature.changed() || !Usign.verify(sums, signature.body(), branch.usignKeys())) {
            throw new ImageBuilderException("Could not set up ImageBuilder: the signature of " + targetUrl
                    + "sha256sums does not verify with the keys of branch " + branch.name());
        }
        try {
            return Sha256Sums.parse(new String(sums, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ImageBuilderException("Could not set up ImageBuilder: " + e.getMessage(), e);
        }
    }

    /** Downloads and checks the archive, extracts it beside the old ImageBuilder, then swaps them. */
    private void replace(ImageBuilderCache.Directory cache, String targetPath, String targetUrl, String archive, String archiveHash)
            throws IOException, InterruptedException {
        Path download = cache.path().resolve(archive);
        Path fresh = cache.path().resolve("imagebuilder.new");
        try {
            LOG.info(() -> "downloading ImageBuilder " + targetUrl + archive);
            Download downloaded = upstream.download(targetPath + archive, download, archiveTimeout);
            if (downloaded.status() != 200) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + targetUrl + archive + " answered "
                        + downloaded.status());
            }
            meter.imageBuilderDownloaded();
            if (!downloaded.sha256().equals(archiveHash)) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + archive
                        + " does not match its sha256sums entry (got " + downloaded.sha256() + ", expected " + archiveHash + ")");
            }
            FileTree.delete(fresh);
            try {
                ArchiveExtraction.extract(download, fresh);
            } catch (ArchiveExtraction.UnsafeMemberException e) {
                throw new ImageBuilderException("Could not set up ImageBuilder: " + e.getMessage(), e);
            }
            Files.deleteIfExists(cache.sums());
            FileTree.delete(cache.extracted());
            Files.move(fresh, cache.extracted());
        } finally {
            Files.deleteIfExists(download);
            FileTree.delete(fresh);
        }
    }

    /**
     * Upstream confirmed the cached ImageBuilder (the sums' time says when, for the operators),
     * with new sums to keep when not null.
     */
    private static void confirmed(ImageBuilderCache.Directory cache, Validators validators, byte[] newSums) throws IOException {
        if (newSums != null) {
            Files.write(cache.sums(), newSums);
        } else {
            Files.setLastModifiedTime(cache.sums(), FileTime.from(Instant.now()));
        }
        if (!validators.etag().isEmpty()) {
            Files.writeString(cache.etag(), validators.etag());
        } else {
            Files.deleteIfExists(cache.etag());
        }
    }
}

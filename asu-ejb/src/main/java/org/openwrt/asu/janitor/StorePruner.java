package org.openwrt.asu.janitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * Deletes the store directories ({@code <asu.store.dir>/<request hash>/}) of builds whose result
 * has expired from Redis. A directory whose build still exists in any state (queued, started,
 * done, failed) is kept, and so is one changed within the grace period: a build that was just
 * accepted again may be writing into it.
 */
@ApplicationScoped
public class StorePruner {

    private static final Logger LOG = Logger.getLogger(StorePruner.class.getName());
    private static final Pattern REQUEST_HASH = Pattern.compile("[0-9a-f]{64}");

    private Path storeDir;
    private Duration grace;
    private Predicate<String> buildExists;

    protected StorePruner() {
    }

    @Inject
    public StorePruner(@ConfigProperty(name = "asu.store.dir") String storeDir,
                       @ConfigProperty(name = "asu.janitor.store-grace") Duration grace,
                       BuildStore builds) {
        this(Path.of(storeDir), grace, hash -> builds.find(hash).isPresent());
    }

    public StorePruner(Path storeDir, Duration grace, Predicate<String> buildExists) {
        this.storeDir = storeDir;
        this.grace = grace;
        this.buildExists = buildExists;
    }

    /** @return the request hashes whose directories were deleted */
    public List<String> prune() throws IOException {
        if (!Files.isDirectory(storeDir)) {
            return List.of();
        }
        Instant settled = Instant.now().minus(grace);
        List<Path> expired;
        try (Stream<Path> dirs = Files.list(storeDir)) {
            expired = dirs.filter(dir -> Files.isDirectory(dir) && REQUEST_HASH.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> modifiedBefore(dir, settled))
                    .filter(dir -> !buildExists.test(dir.getFileName().toString()))
                    .toList();
        }
        for (Path dir : expired) {
            deleteTree(dir);
        }
        if (!expired.isEmpty()) {
            LOG.info(() -> "store: deleted " + expired.size() + " expired build directories");
        }
        return expired.stream().map(dir -> dir.getFileName().toString()).toList();
    }

    private static boolean modifiedBefore(Path dir, Instant instant) {
        try {
            return Files.getLastModifiedTime(dir).compareTo(FileTime.from(instant)) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

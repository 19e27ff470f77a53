package org.openwrt.asu.infrastructure.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openwrt.asu.application.ImageStore;

/** The store as a directory of this node ({@code asu.store.dir}): builds are moved in, files are streamed out. */
public final class LocalImageStore implements ImageStore {

    private final Path root;

    public LocalImageStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String requestHash, Path directory) throws IOException {
        Path target = root.resolve(requestHash);
        Files.createDirectories(root);
        deleteTree(target);
        Files.move(directory, target);
    }

    /** The regular file the path names, if it lies inside the store once every link is followed. */
    @Override
    public Optional<Download> download(String path) {
        try {
            Path store = root.toRealPath();
            Path file = store.resolve(path).normalize();
            if (!file.startsWith(store) || !Files.exists(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            return real.startsWith(store) && Files.isRegularFile(real)
                    ? Optional.of(new Download.LocalFile(real)) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, Instant> builds() throws IOException {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        Map<String, Instant> builds = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                builds.put(dir.getFileName().toString(), Files.getLastModifiedTime(dir).toInstant());
            }
        }
        return builds;
    }

    @Override
    public void delete(String requestHash) throws IOException {
        deleteTree(root.resolve(requestHash));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            List<Path> deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }
}

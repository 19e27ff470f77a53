package org.openwrt.asu.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One generated tree per test run, shared by the test classes (generating takes seconds). */
final class GeneratedTree {

    private static Path root;

    private GeneratedTree() {
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                Path directory = Path.of("target", "test-upstream").toAbsolutePath();
                deleteRecursively(directory);
                UpstreamTree.generate(directory);
                root = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

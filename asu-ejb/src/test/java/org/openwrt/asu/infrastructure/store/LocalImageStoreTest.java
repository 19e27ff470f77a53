package org.openwrt.asu.infrastructure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.application.ImageStore.Download;

/** The store as a directory: builds are moved in whole, and only regular files inside it are handed out. */
class LocalImageStoreTest {

    private static final String BUILD = "a".repeat(64);

    @Test
    void aBuildIsMovedInReplacingTheEarlierOneAndItsFilesAreHandedOut(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("store");
        LocalImageStore store = new LocalImageStore(root);
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("old.bin"), "old");
        store.put(BUILD, earlier);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("image.bin"), "image");

        store.put(BUILD, bin);

        assertFalse(Files.exists(bin), "moved, not copied");
        Path file = ((Download.LocalFile) store.download(BUILD + "/image.bin").orElseThrow()).file();
        assertEquals("image", Files.readString(file));
        assertTrue(store.download(BUILD + "/old.bin").isEmpty(), "the earlier build's files are gone");
        assertEquals(List.of(BUILD), List.copyOf(store.builds().keySet()));
    }

    @Test
    void nothingOutsideTheStoreNorADirectoryNorALinkOutIsHandedOut(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("store"));
        Files.writeString(dir.resolve("secret"), "secret");
        Path build = Files.createDirectories(root.resolve(BUILD));
        Files.createSymbolicLink(build.resolve("link.bin"), dir.resolve("secret"));
        LocalImageStore store = new LocalImageStore(root);

        for (String path : List.of("../secret", BUILD + "/../../secret", BUILD + "/link.bin", BUILD, BUILD + "/missing.bin", "\0")) {
            assertTrue(store.download(path).isEmpty(), path);
        }
    }
}

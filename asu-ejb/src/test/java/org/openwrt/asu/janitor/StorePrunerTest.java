package org.openwrt.asu.janitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.infrastructure.store.LocalImageStore;

class StorePrunerTest {

    static final String EXPIRED = "a".repeat(64);
    static final String LIVE = "b".repeat(64);
    static final String FRESH = "c".repeat(64);

    @Test
    void onlyDirectoriesOfExpiredBuildsAreDeleted(@TempDir Path store) throws Exception {
        for (String hash : List.of(EXPIRED, LIVE, FRESH, "not-a-hash")) {
            Files.createDirectories(store.resolve(hash));
            Files.writeString(store.resolve(hash).resolve("image.bin"), "x");
        }
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (String hash : List.of(EXPIRED, LIVE, "not-a-hash")) {
            Files.setLastModifiedTime(store.resolve(hash), old);
        }

        List<String> deleted = new StorePruner(new LocalImageStore(store), Duration.ofMinutes(10), Set.of(LIVE)::contains).prune();

        assertEquals(List.of(EXPIRED), deleted);
        assertFalse(Files.exists(store.resolve(EXPIRED)));
        assertTrue(Files.exists(store.resolve(LIVE).resolve("image.bin")));
        assertTrue(Files.exists(store.resolve(FRESH)), "a build may be writing into a fresh directory");
        assertTrue(Files.exists(store.resolve("not-a-hash")));
    }
}

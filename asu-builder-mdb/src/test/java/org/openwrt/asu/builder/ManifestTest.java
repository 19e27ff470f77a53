package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final Map<String, String> EXPECTED = Map.of("busybox", "1.36.1-r2", "libubox", "2024.03.29~eb9bcb64-r1");

    @Test
    void opkgAndNewApkManifestsSeparateWithDashes() {
        assertEquals(EXPECTED, Manifest.parse("busybox - 1.36.1-r2\nlibubox - 2024.03.29~eb9bcb64-r1\n"));
    }

    @Test
    void olderApkManifestsSeparateWithASpace() {
        assertEquals(EXPECTED, Manifest.parse("busybox 1.36.1-r2\nlibubox 2024.03.29~eb9bcb64-r1\n"));
    }

    @Test
    void versionsAreCheckedAsTheOriginalServerWordsIt() {
        assertNull(Manifest.mismatch(EXPECTED, Map.of("busybox", "1.36.1-r2")));
        assertEquals("Impossible package selection: vim not in manifest", Manifest.mismatch(EXPECTED, Map.of("vim", "9.1")));
        assertEquals("Impossible package selection: busybox version not as requested: 1.0 vs. 1.36.1-r2",
                Manifest.mismatch(EXPECTED, Map.of("busybox", "1.0")));
    }
}

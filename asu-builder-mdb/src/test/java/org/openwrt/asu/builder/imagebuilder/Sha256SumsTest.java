package org.openwrt.asu.builder.imagebuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Sha256SumsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void findsTheImageBuilderByNameInBothForms() {
        Sha256Sums sums = Sha256Sums.parse(A + " *openwrt-24.10.2-ath79-generic-tplink_archer-c7-v5.manifest\n"
                + "SHA256(openwrt-imagebuilder-24.10.2-ath79-generic.Linux-x86_64.tar.zst)= " + B + "\n"
                + A + " *packages/Packages\n");
        assertEquals("openwrt-imagebuilder-24.10.2-ath79-generic.Linux-x86_64.tar.zst", sums.imageBuilderArchive().orElseThrow());
        assertEquals(B, sums.hashes().get(sums.imageBuilderArchive().orElseThrow()));
    }

    @Test
    void pathsOutsideAndDuplicatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sha256Sums.parse(A + " *../x\n"));
        assertThrows(IllegalArgumentException.class, () -> Sha256Sums.parse(A + " *x\n" + B + " *x\n"));
    }
}

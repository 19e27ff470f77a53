package org.openwrt.asu.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    @Test
    void anOrdinaryBuildRequestIsWithinTheLimits() {
        assertEquals(Optional.empty(), JsonLimits.exceeded("{\"version\":\"24.10.2\",\"packages_versions\":{\"vim\":\"9.1-r1\"},"
                + "\"rootfs_size_mb\":512,\"defaults\":\"echo \\\"[[[[{{{{\\\" 1e99999999999\"}"));
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        assertTrue(JsonLimits.exceeded("[".repeat(JsonLimits.MAX_DEPTH)).isEmpty());
        assertTrue(JsonLimits.exceeded("{\"a\":" + "[".repeat(100_000)).orElseThrow().contains("deeper than 32 levels"));
    }

    @Test
    void aNumberLongerThanTheLimitIsRefused() {
        assertTrue(JsonLimits.exceeded("{\"rootfs_size_mb\":" + "9".repeat(100) + "}").isEmpty());
        assertTrue(JsonLimits.exceeded("{\"rootfs_size_mb\":" + "9".repeat(1_200) + "}").orElseThrow().contains("longer than 100"));
    }

    @Test
    void digitsInsideStringsDoNotCount() {
        assertEquals(Optional.empty(), JsonLimits.exceeded("{\"client\":\"" + "1".repeat(5_000) + "\"}"));
    }
}

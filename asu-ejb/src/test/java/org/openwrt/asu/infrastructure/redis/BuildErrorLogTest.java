package org.openwrt.asu.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The line format of the build error log. */
class BuildErrorLogTest {

    static final Instant AT = Instant.parse("2026-06-02T14:03:11.734Z");
    static final String DEVICE = "24.10-SNAPSHOT:ath79/generic:tplink_tl-wdr4300-v1";

    @Test
    void anEntryIsTheUtcSecondTheDeviceAndTheMessage() {
        assertEquals("2026-06-02 14:03:11 " + DEVICE + " Impossible package selection: missing (vim-full)",
                BuildErrorLog.entry(AT, DEVICE, "Impossible package selection: missing (vim-full)"));
    }

    @Test
    void requestHashesBecomeJobIds() {
        String hash = "0123456789abcdef".repeat(4);
        assertEquals("2026-06-02 14:03:11 " + DEVICE + " Job ID [job-id] found in [job-id]/x",
                BuildErrorLog.entry(AT, DEVICE, "Job ID " + hash + " found in " + hash.toUpperCase() + "/x"));
    }

    @Test
    void shorterHexRunsStay() {
        assertEquals("2026-06-02 14:03:11 " + DEVICE + " revision r27990-" + "a".repeat(63),
                BuildErrorLog.entry(AT, DEVICE, "revision r27990-" + "a".repeat(63)));
    }

    @Test
    void whitespaceCollapsesToSingleSpaces() {
        assertEquals("2026-06-02 14:03:11 " + DEVICE + " make failed: exit 2",
                BuildErrorLog.entry(AT, DEVICE, "  make\n  failed:\t\texit 2\n"));
    }

    @Test
    void theMessageIsCutTo200Characters() {
        String entry = BuildErrorLog.entry(AT, DEVICE, "x ".repeat(300));
        assertEquals("2026-06-02 14:03:11 " + DEVICE + " " + "x ".repeat(100).substring(0, 200), entry);
    }
}

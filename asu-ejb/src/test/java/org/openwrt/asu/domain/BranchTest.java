package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BranchTest {

    private static final Set<String> CONFIGURED = Set.of("SNAPSHOT", "24.10", "23.05", "1.2");

    @Test
    void versionsMapToTheirBranchByTheOriginalRule() {
        assertEquals("SNAPSHOT", Branch.nameOf("SNAPSHOT", CONFIGURED));
        assertEquals("24.10", Branch.nameOf("24.10-SNAPSHOT", CONFIGURED));
        assertEquals("24.10", Branch.nameOf("24.10.0-rc1", CONFIGURED));
        assertEquals("1.2", Branch.nameOf("1.2.3", CONFIGURED));
        assertEquals("10.10", Branch.nameOf("10.10.10", CONFIGURED));
        assertEquals("snapshot", Branch.nameOf("snapshot", CONFIGURED));
    }

    @Test
    void pathFillsInTheVersion() {
        Branch branch = new Branch("24.10", "releases/{version}", true, false, 27990, List.of());
        assertEquals("releases/24.10-SNAPSHOT", branch.pathOf("24.10-SNAPSHOT"));
    }
}

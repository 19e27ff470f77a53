package org.openwrt.asu.testing;

import java.util.List;
import org.openwrt.asu.domain.Branch;

/** The branches the miniature upstream (misc/upstream) publishes, configured as the server would. */
public final class MiniatureBranches {

    private MiniatureBranches() {
    }

    /** SNAPSHOT, 24.10 and 23.05, their sums trusted with these usign keys. */
    public static List<Branch> trusting(List<String> usignKeys) {
        return List.of(
                new Branch("SNAPSHOT", "snapshots", true, true, null, usignKeys),
                new Branch("24.10", "releases/{version}", true, false, 27990, usignKeys),
                new Branch("23.05", "releases/{version}", true, false, 23069, usignKeys));
    }
}

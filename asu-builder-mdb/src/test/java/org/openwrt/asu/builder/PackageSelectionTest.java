package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff_packages cases of the original server's tests. */
class PackageSelectionTest {

    @Test
    void unlistedDefaultsAreRemovedSortedBeforeTheRequestInItsOrder() {
        assertEquals(List.of("-test2", "test1"), PackageSelection.diff(List.of("test1"), Set.of("test1", "test2")));
        assertEquals(List.of("-test2", "-test3", "test1"), PackageSelection.diff(List.of("test1"), Set.of("test2", "-test3")));
        assertEquals(List.of("-y", "z", "x"), PackageSelection.diff(List.of("z", "x"), Set.of("x", "y", "z")));
        assertEquals(List.of("test1"), PackageSelection.diff(List.of("test1"), Set.of("test1")));
        assertEquals(List.of("-a", "-b"), PackageSelection.diff(List.of(), Set.of("b", "a")));
    }
}

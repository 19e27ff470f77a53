package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.SyncedUpstream;

/**
 * Package checks over the package lists the janitor synced from the miniature upstream into a
 * real Redis: opkg era with the kmods split (24.10.2), before it (23.05.4) and apk era (SNAPSHOT).
 */
class PackageAvailabilityTest {

    static final List<Branch> BRANCHES = MiniatureBranches.trusting(List.of());

    static SyncedUpstream synced;
    static PackageAvailability availability;

    @BeforeAll
    static void sync() throws Exception {
        synced = SyncedUpstream.start(BRANCHES);
        availability = new PackageAvailability(new UpstreamMetadata(synced.store(), Branches.of(BRANCHES)), synced.sync());
    }

    @AfterAll
    static void stop() throws Exception {
        synced.close();
    }

    private static Set<String> unknown(String version, String target, String... packages) {
        return availability.unknownPackages(version, target, List.of(packages));
    }

    @Test
    void packageListsTheJanitorHasNotReadAreFetchedOnDemand() {
        RedisKeys keys = SyncedUpstream.KEYS;
        synced.redis().del(keys.targetPackages("23.05.4", "ramips/mt7621"), keys.feedPackages("23.05.4", "mipsel_24kc"));
        assertEquals(Set.of("no-such-package"), unknown("23.05.4", "ramips/mt7621", "luci", "no-such-package"));
    }

    @Test
    void packagesOfTheTargetAndOfEveryFeedOfItsArchitectureAreKnown() {
        assertEquals(Set.of(), unknown("24.10.2", "ath79/generic", "base-files", "luci", "vim", "tmux", "owut",
                "luci-app-attendedsysupgrade", "dnsmasq"));
        assertEquals(Set.of(), unknown("SNAPSHOT", "x86/64", "base-files", "luci", "curl"));
    }

    @Test
    void unknownPackagesAreReportedAsSentInRequestOrder() {
        assertEquals(List.of("no-such-package", "+also-missing"), List.copyOf(
                unknown("24.10.2", "ath79/generic", "luci", "no-such-package", "+also-missing", "vim")));
    }

    @Test
    void removalsAreCheckedLikeAdditions() {
        // the 2021 server refused removing a package the target does not have, as it refused adding one
        assertEquals(Set.of("-no-such-package"), unknown("24.10.2", "ath79/generic", "-ppp", "-no-such-package", "luci"));
    }

    @Test
    void aPlusPrefixAddsAKnownPackage() {
        assertEquals(Set.of(), unknown("24.10.2", "ath79/generic", "+luci", "+vim"));
    }

    @Test
    void abiSuffixedNamesMatchTheirIndexedName() {
        // opkg indexes drop the ABIVersion (jansson4 → jansson); devices report the suffixed names
        assertEquals(Set.of(), unknown("24.10.2", "ath79/generic", "jansson4", "libubox20240329", "libjson-c5", "libgcc1"));
        assertEquals(Set.of(), unknown("23.05.4", "ath79/generic", "jansson4", "libubox20240329"));
        // an apk-era device upgrading from opkg still sends the suffixed names
        assertEquals(Set.of(), unknown("SNAPSHOT", "ath79/generic", "libubox20240329", "libuci20250120"));
        assertEquals(Set.of(), unknown("24.10.2", "ath79/generic", "jansson"));
    }

    @Test
    void kmodsAreKnownBeforeAndAfterTheKmodsSplit() {
        assertEquals(Set.of(), unknown("24.10.2", "ath79/generic", "kmod-ath9k", "kmod-ath10k-ct"));
        assertEquals(Set.of(), unknown("23.05.4", "ath79/generic", "kmod-ath9k", "kmod-ath10k-ct"));
        assertEquals(Set.of(), unknown("SNAPSHOT", "ath79/generic", "kmod-ath9k"));
        assertEquals(Set.of("kmod-no-such-driver"), unknown("24.10.2", "ath79/generic", "kmod-ath9k", "kmod-no-such-driver"));
    }

    @Test
    void whatEveryImageBuilderHasIsAlwaysKnown() {
        assertEquals(Set.of(), unknown("SNAPSHOT", "ath79/generic", "kernel", "libc", "libgcc"));
    }

    @Test
    void aTargetWhosePackageListsWereNeverReadCannotBeChecked() {
        assertThrows(PackageListsUnavailableException.class, () -> unknown("24.10.2", "ath79/nothing", "luci"));
    }

    @Test
    void packagesOfAnotherTargetOrArchitectureAreNotKnown() {
        assertEquals(Set.of(), unknown("24.10.2", "x86/64", "grub2-bios-setup", "kmod-e1000e"));
        assertEquals(Set.of("grub2-bios-setup", "kmod-e1000e"), unknown("24.10.2", "ath79/generic", "grub2-bios-setup", "kmod-e1000e"));
    }
}

package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Extra repositories of a build request against {@code asu.repository-allow-list}, the cases of the original server's tests. */
class RepositoryAllowListTest {

    private static final List<String> DOWNLOADS = List.of("https://downloads.openwrt.org");
    private static final List<String> RELEASES = List.of("https://downloads.openwrt.org/releases");

    @Test
    void aPathBelowAnAllowedHostIsAllowed() {
        assertTrue(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/23.05", DOWNLOADS));
        assertTrue(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/23.05/packages/x86_64/base", DOWNLOADS));
    }

    @Test
    void hostNamesCompareIgnoringCase() {
        assertTrue(BuildPolicy.repositoryAllowed("https://Downloads.OpenWrt.org/releases/23.05", DOWNLOADS));
    }

    @Test
    void aHostThatMerelyStartsWithTheAllowedOneIsRejected() {
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org.evil.com/releases/23.05", DOWNLOADS));
    }

    @Test
    void userInfoDoesNotSmuggleInAnotherHost() {
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org@evil.com/releases/23.05", DOWNLOADS));
        assertFalse(BuildPolicy.repositoryAllowed("https://evil.com@downloads.openwrt.org.evil.com/x", DOWNLOADS));
    }

    @Test
    void theSchemeMustMatch() {
        assertFalse(BuildPolicy.repositoryAllowed("http://downloads.openwrt.org/releases/23.05", DOWNLOADS));
        assertFalse(BuildPolicy.repositoryAllowed("ftp://downloads.openwrt.org/releases/23.05", DOWNLOADS));
    }

    @Test
    void anAllowedPathAllowsOnlyWhatLiesBelowIt() {
        assertTrue(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/23.05", RELEASES));
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/snapshots", RELEASES));
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases-evil/23.05", RELEASES));
        assertTrue(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/23.05",
                List.of("https://downloads.openwrt.org/releases/")), "a trailing slash on the entry changes nothing");
    }

    @Test
    void theBarePrefixItselfIsRejected() {
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases", RELEASES));
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/23.05", List.of()));
    }

    @Test
    void anyEntryOfTheListMayAllow() {
        List<String> two = List.of("https://feed.libremesh.org", "https://downloads.openwrt.org/releases");
        assertTrue(BuildPolicy.repositoryAllowed("https://feed.libremesh.org/master", two));
        assertTrue(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/24.10.2", two));
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/snapshots/x", two));
    }

    @Test
    void somethingThatIsNotAUrlIsRejected() {
        assertFalse(BuildPolicy.repositoryAllowed("not a url", DOWNLOADS));
        assertFalse(BuildPolicy.repositoryAllowed("https://downloads.openwrt.org/releases/{broken}", DOWNLOADS));
        assertFalse(BuildPolicy.repositoryAllowed("/releases/23.05", DOWNLOADS));
    }
}

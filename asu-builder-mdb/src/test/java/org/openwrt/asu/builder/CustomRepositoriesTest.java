package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.application.BuildPolicy;

/** The original server's merging and key injection cases (its tests of merge_repositories and inject_files). */
class CustomRepositoriesTest {

    private static final String USIGN_KEY = "RWSrHfFmlHslUcLbXFIRp+eEikWF9z1N77IJiX5Bt/nJd1a/x+L+SU89";
    private static final String PEM_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbOOTQy5mYbH3QKkxg1ItpuEBQr0e
            Ia3f+KVK5cXYoZtOq6dJQ23Z8k9f6rLkSl2Ug2wMNGw2Ry4KpFdf+p4Dxw==
            -----END PUBLIC KEY-----
            """;

    @Test
    void opkgAppendKeepsTheImageBuildersFeedsAndAddsTheLocalFeed() {
        String base = "src/gz base https://downloads.openwrt.org/releases/23.05.5/packages/mips_24kc/base\n"
                + "option check_signature\n";

        String merged = CustomRepositories.merge(base, Map.of("custom", "https://feed.example.org/custom"), false);

        assertEquals("""
                src/gz base https://downloads.openwrt.org/releases/23.05.5/packages/mips_24kc/base
                option check_signature
                src/gz custom https://feed.example.org/custom
                src imagebuilder file:packages
                """, merged);
    }

    @Test
    void opkgGetsBothRequiredLinesWhenTheBaseHasNone() {
        assertEquals("""
                src/gz custom https://feed.example.org/custom
                src imagebuilder file:packages
                option check_signature
                """, CustomRepositories.merge("", Map.of("custom", "https://feed.example.org/custom"), false));
    }

    @Test
    void opkgReplaceListsTheFeedsSortedByName() {
        Map<String, String> repositories = new LinkedHashMap<>();
        repositories.put("foo", "https://feed.example.org/foo");
        repositories.put("bar", "https://feed.example.org/bar");

        assertEquals("""
                src/gz bar https://feed.example.org/bar
                src/gz foo https://feed.example.org/foo
                src imagebuilder file:packages
                option check_signature
                """, CustomRepositories.merge("", repositories, false));
    }

    @Test
    void opkgRequiredLinesAreNotRepeatedAndBlankLinesGo() {
        String base = "src/gz openwrt_core https://downloads.openwrt.org/x\n## local\nsrc imagebuilder file:packages\n\n"
                + "option check_signature\n";

        assertEquals("""
                src/gz openwrt_core https://downloads.openwrt.org/x
                ## local
                src imagebuilder file:packages
                option check_signature
                src/gz extra https://feed.example.org/extra
                """, CustomRepositories.merge(base, Map.of("extra", "https://feed.example.org/extra"), false));
    }

    @Test
    void apkAppendKeepsTheImageBuildersUrlsAndAddsTheNewOne() {
        String base = "https://downloads.openwrt.org/snapshots/targets/x86/64/packages/packages.adb\n"
                + "packages/packages.adb\n";

        assertEquals("""
                https://downloads.openwrt.org/snapshots/targets/x86/64/packages/packages.adb
                packages/packages.adb
                https://feed.example.org/custom/packages.adb
                """, CustomRepositories.merge(base, Map.of("custom", "https://feed.example.org/custom/packages.adb"), true));
    }

    @Test
    void apkReplaceHasJustTheNewUrl() {
        assertEquals("https://feed.example.org/custom/packages.adb\n",
                CustomRepositories.merge("", Map.of("custom", "https://feed.example.org/custom/packages.adb"), true));
    }

    @Test
    void aUsignKeyIsNamedByItsFingerprintWithItAsComment() {
        assertEquals(Map.of("ab1df166947b2551", "untrusted comment: ab1df166947b2551\n" + USIGN_KEY + "\n"),
                CustomRepositories.keyFiles(List.of(USIGN_KEY)));
    }

    @Test
    void aUsignKeyInFileFormKeepsOnlyItsKeyLine() {
        assertEquals(Map.of("ab1df166947b2551", "untrusted comment: ab1df166947b2551\n" + USIGN_KEY + "\n"),
                CustomRepositories.keyFiles(List.of("untrusted comment: my feed\n" + USIGN_KEY + "\n")));
    }

    @Test
    void aPemKeyIsWrittenAsItCameNamedByItsPosition() {
        assertEquals(Map.of("custom-0.pem", PEM_KEY), CustomRepositories.keyFiles(List.of(PEM_KEY)));
    }

    @Test
    void mixedKeysGiveOneFileEach() {
        Map<String, String> files = CustomRepositories.keyFiles(List.of(USIGN_KEY, PEM_KEY));

        assertEquals(List.of("ab1df166947b2551", "custom-1.pem"), List.copyOf(files.keySet()));
    }

    @Test
    void noKeysNoFiles() {
        assertTrue(CustomRepositories.keyFiles(List.of()).isEmpty());
    }

    @Test
    void aKeyThatIsNeitherFailsTheBuild() {
        BuildFailure failure = assertThrows(BuildFailure.class, () -> CustomRepositories.keyFiles(List.of("not a key")));
        assertEquals("Repository key 0 is neither a usign public key nor a PEM key", failure.getMessage());
    }

    @Test
    void aFeedNoLongerAllowedFailsTheBuild() {
        Predicate<String> allowed = url -> BuildPolicy.repositoryAllowed(url, List.of("https://feed.example.org/allowed"));

        assertDoesNotThrow(() -> CustomRepositories.checkAllowed(Map.of("a", "https://feed.example.org/allowed/x"), allowed));
        BuildFailure failure = assertThrows(BuildFailure.class, () -> CustomRepositories.checkAllowed(
                Map.of("a", "https://feed.example.org.evil.com/allowed/x"), allowed));
        assertEquals("Repository not allowed: https://feed.example.org.evil.com/allowed/x", failure.getMessage());
    }
}

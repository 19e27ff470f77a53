package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original server's request hash test vectors: every one must hash exactly as the original server does. */
class RequestHashTest {

    private static final BuildRequestReader READER = new BuildRequestReader(new BuildLimits(20480, 1024));
    private static final String BASE = "\"version\":\"1.2.3\",\"target\":\"testtarget/testsubtarget\",\"profile\":\"testprofile\"";

    private static String hashOf(String json) {
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        return RequestHash.of(READER.read(body));
    }

    @Test
    void packagesHashOfTwoPackages() {
        assertEquals("57aab5949a36e66b535a8cb13e39e9e093181c9000c016990d7be9eb86a9b9e8",
                RequestHash.packagesHash(List.of("test1", "test2")));
    }

    @Test
    void strHashOfTest() {
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", RequestHash.sha256("test"));
    }

    @Test
    void requestWithEveryPrimaryField() {
        assertEquals("525e19496bd8d47b9b63aa5fb2b2f5da467558893d39a42eb32210007fd57800", hashOf(
                "{\"distro\":\"test\",\"version\":\"test\",\"target\":\"testtarget/testsubtarget\",\"profile\":\"test\",\"packages\":[\"test\"]}"));
    }

    @Test
    void diffPackagesTrueIgnoresPackageOrder() {
        String expected = "1c4a79c6b711a576996cf9a5e7046a4581008c4466574096266f0e6ea4208fbc";
        assertEquals(expected, hashOf("{" + BASE + ",\"packages\":[\"test1\",\"zzz\",\"test2\",\"aaa\"],\"diff_packages\":true}"));
        assertEquals(expected, hashOf("{" + BASE + ",\"packages\":[\"aaa\",\"test1\",\"test2\",\"zzz\"],\"diff_packages\":true}"));
    }

    @Test
    void diffPackagesFalse() {
        assertEquals("c5a849e05b60611b465042594fc3489a44f7695c3d09e36433a577ee772ad7b7",
                hashOf("{" + BASE + ",\"packages\":[\"test1\",\"zzz\",\"test2\",\"aaa\"],\"diff_packages\":false}"));
    }

    @Test
    void defaultsScript() {
        assertEquals("ba50558496f8fead41e8d5bc72afd1ad7d27bc053afb550a8bf6ee3bbcc64952",
                hashOf("{" + BASE + ",\"defaults\":\"echo\"}"));
    }

    @Test
    void baseRequest() {
        assertEquals("9b5d92cea9c3974a81a4e9f220472b74424ca073647a86ba95a8daafbc1a0eb6", hashOf("{" + BASE + "}"));
    }

    @Test
    void emptyDefaultsHashLikeNoDefaults() {
        assertEquals(hashOf("{" + BASE + "}"), hashOf("{" + BASE + ",\"defaults\":\"\"}"));
    }

    @Test
    void packagesVersions() {
        assertEquals("26f7e02baf4b839e9a5807ef85b55477488952d0ff8fd21f7b5283d3fc60768c",
                hashOf("{" + BASE + ",\"packages_versions\":{\"test1\":\"1.0\",\"test2\":\"2.0\"}}"));
    }

    @Test
    void rootfsSizeAndFilesystem() {
        assertEquals("243692819cb4fc4684d1cb6cb5e161046d05af43ebb8a8a5117c0148b45afc01",
                hashOf("{" + BASE + ",\"rootfs_size_mb\":100,\"filesystem\":\"squashfs\"}"));
    }

    @Test
    void repositoriesReplaceAndAppend() {
        String repos = ",\"repositories\":{\"custom\":\"https://example.com/repo\"}";
        assertEquals("965fd09d56902a64bc3cdea936c51323f5753e05af19176205967775800f71ac", hashOf("{" + BASE + repos + "}"));
        assertEquals("6ea0558290a3fbc2a031a7cf9e86ef71f7d411fda4cc8bf5a3fe12040804b61a",
                hashOf("{" + BASE + repos + ",\"repositories_mode\":\"append\"}"));
    }

    @Test
    void pemRepositoryKeyContributesEscapedNewlines() {
        assertEquals("0b08f46099e6b43ce1de66f8f7c24d824e98596e92f0d3f8095c9383597438e7",
                hashOf("{" + BASE + ",\"repositories\":{\"custom\":\"https://example.com/repo\"}"
                        + ",\"repository_keys\":[\"-----BEGIN PUBLIC KEY-----\\nABC\\n-----END PUBLIC KEY-----\\n\"]}"));
    }

    @Test
    void clientIsNotPartOfTheHash() {
        assertEquals(hashOf("{" + BASE + "}"), hashOf("{" + BASE + ",\"client\":\"luci/git-22.073.39928-701ea94\"}"));
    }

    @Test
    void commaInProfileHashesLikeUnderscore() {
        assertEquals(hashOf("{\"version\":\"1.2.3\",\"target\":\"a/b\",\"profile\":\"8dev_carambola2\"}"),
                hashOf("{\"version\":\"1.2.3\",\"target\":\"a/b\",\"profile\":\"8dev,carambola2\"}"));
    }

    @Test
    void filesystemChangesTheHash() {
        assertNotEquals(hashOf("{" + BASE + "}"), hashOf("{" + BASE + ",\"filesystem\":\"ext4\"}"));
        assertNotEquals(hashOf("{" + BASE + ",\"filesystem\":\"squashfs\"}"), hashOf("{" + BASE + ",\"filesystem\":\"ext4\"}"));
    }

    @Test
    void pythonReprPicksDoubleQuotesForSingleQuotedText() {
        assertEquals("[\"it's\", 'a\\\\b', 'tab\\t']", RequestHash.PythonText.repr(List.of("it's", "a\\b", "tab\t")));
    }

    @Test
    void jsonDumpsEscapesNonAscii() {
        assertEquals("{\"a\": \"\\u00e9\", \"b\": \"1\"}",
                RequestHash.PythonText.jsonDumpsSorted(new java.util.LinkedHashMap<>(java.util.Map.of("b", "1", "a", "é"))));
    }

    private static String legacyHashOf(String json) {
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        return RequestHash.legacy(body.getString("distro", ""), READER.read(body));
    }

    @Test
    void legacyHashesOfThe2021TestSuite() {
        String snapshot = "\"version\":\"SNAPSHOT\",\"target\":\"testtarget/testsubtarget\"";
        assertEquals("e360f833a191", legacyHashOf("{" + snapshot + ",\"profile\":\"testprofile\",\"packages\":[\"test1\",\"test2\"]}"));
        assertEquals("19bb42f198c9", legacyHashOf("{" + snapshot + ",\"profile\":\"testvendor,testprofile\",\"packages\":[\"test1\",\"test2\"]}"));
        assertEquals("7d099fb07fb3", legacyHashOf("{" + snapshot + ",\"profile\":\"testvendor,testprofile\",\"packages\":[\"test1-1\",\"test2\"]}"));
        assertEquals("66cb932c37a4", legacyHashOf("{" + snapshot + ",\"profile\":\"testprofile\"}"));
        assertEquals("66cb932c37a4", legacyHashOf("{" + snapshot + ",\"profile\":\"testprofile\",\"packages\":[]}"));
        assertEquals("552b9e328888", legacyHashOf("{" + snapshot + ",\"profile\":\"testprofile\",\"packages_versions\":{\"test1\":\"1.0\",\"test2\":\"2.0\"}}"));
        assertEquals("1fda145d439f", legacyHashOf("{\"version\":\"SNAPSHOT\",\"target\":\"x86/64\",\"profile\":\"some_random_cpu_which_doesnt_exists_as_profile\"}"));
    }
}

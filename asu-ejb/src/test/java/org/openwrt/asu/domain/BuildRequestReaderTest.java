package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field rules of the build contract (the original server's BuildRequest model) and the exact 422 messages clients read. */
class BuildRequestReaderTest {

    private static final BuildRequestReader READER = new BuildRequestReader(new BuildLimits(20480, 1024));
    private static final String BASE = "\"version\":\"1.2.3\",\"target\":\"testtarget/testsubtarget\",\"profile\":\"testprofile\"";

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static List<Violation> violations(String body) {
        return assertThrows(InvalidBuildRequestException.class, () -> READER.read(json(body))).violations();
    }

    @Test
    void defaultsAreFilledIn() {
        BuildRequest request = READER.read(json("{" + BASE + "}"));
        assertEquals("openwrt", request.distro());
        assertEquals("", request.versionCode());
        assertEquals(List.of(), request.packages());
        assertFalse(request.diffPackages());
        assertNull(request.defaults());
        assertNull(request.rootfsSizeMb());
        assertNull(request.filesystem());
        assertEquals("replace", request.repositoriesMode());
        assertNull(request.client());
        assertEquals(15, request.toJson().size());
    }

    @Test
    void acceptedRequestEchoesPackagesVersionsKeysAsPackages() {
        BuildRequest request = READER.read(json("{" + BASE + ",\"packages\":[\"ignored\"],"
                + "\"packages_versions\":{\"test1\":\"1.0\",\"test2\":\"2.0\"}}"));

        BuildRequest accepted = request.accepted("canonical_profile");

        assertEquals(List.of("test1", "test2"), accepted.packages());
        assertEquals("[\"test1\",\"test2\"]", accepted.toJson().getJsonArray("packages").toString());
        assertEquals(request.packagesVersions(), accepted.packagesVersions());
        assertEquals("canonical_profile", accepted.profile());
        assertEquals(RequestHash.of(request), RequestHash.of(request.accepted(request.profile())),
                "the packages hash is the same either way");
    }

    @Test
    void acceptedRequestKeepsPackagesWithoutPackagesVersions() {
        BuildRequest request = READER.read(json("{" + BASE + ",\"packages\":[\"vim\",\"-ppp\"]}"));
        assertEquals(List.of("vim", "-ppp"), request.accepted("testprofile").packages());
    }

    @Test
    void missingBodyIsOneMissingViolation() {
        List<Violation> found = assertThrows(InvalidBuildRequestException.class, () -> READER.read(null)).violations();
        assertEquals("{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}",
                found.get(0).toJson().toString());
    }

    @Test
    void arrayBodyIsRejected() {
        assertEquals("model_attributes_type", violations("[1,2]").get(0).type());
    }

    @Test
    void eachMissingRequiredFieldIsNamed() {
        assertEquals(List.of("body", "version"), violations("{\"target\":\"a/b\",\"profile\":\"p\"}").get(0).loc());
        assertEquals(List.of("body", "profile"), violations("{\"target\":\"a/b\",\"version\":\"1\"}").get(0).loc());
        assertEquals(List.of("body", "target"), violations("{\"profile\":\"p\",\"version\":\"1\"}").get(0).loc());
        assertEquals(1, violations("{\"profile\":\"p\",\"version\":\"1\"}").size());
    }

    @Test
    void packagesAsStringIsListType() {
        Violation violation = violations("{" + BASE + ",\"packages\":\"testpackage\"}").get(0);
        assertEquals("{\"type\":\"list_type\",\"loc\":[\"body\",\"packages\"],\"msg\":\"Input should be a valid list\",\"input\":\"testpackage\"}",
                violation.toJson().toString());
    }

    @Test
    void numberForAStringFieldIsRejected() {
        assertEquals("string_type", violations("{\"version\":23,\"target\":\"a/b\",\"profile\":\"p\"}").get(0).type());
    }

    @Test
    void rootfsSizeBounds() {
        assertEquals("Input should be greater than or equal to 1", violations("{" + BASE + ",\"rootfs_size_mb\":0}").get(0).msg());
        assertEquals("Input should be less than or equal to 1024", violations("{" + BASE + ",\"rootfs_size_mb\":1025}").get(0).msg());
        assertEquals(100, READER.read(json("{" + BASE + ",\"rootfs_size_mb\":\"100\"}")).rootfsSizeMb());
    }

    @Test
    void laxBooleans() {
        assertTrue(READER.read(json("{" + BASE + ",\"diff_packages\":\"true\"}")).diffPackages());
        assertEquals("bool_parsing", violations("{" + BASE + ",\"diff_packages\":\"maybe\"}").get(0).type());
    }

    @Test
    void defaultsLongerThanTheLimit() {
        String script = "#".repeat(20481);
        assertEquals("String should have at most 20480 characters",
                violations("{" + BASE + ",\"defaults\":\"" + script + "\"}").get(0).msg());
    }

    @Test
    void unknownFilesystemListsTheChoices() {
        assertEquals("Input should be 'squashfs', 'ext4', 'ubifs', 'erofs', 'jffs2', 'jffs2-nand', 'targz' or 'cpiogz'",
                violations("{" + BASE + ",\"filesystem\":\"bogusfs\"}").get(0).msg());
        assertEquals("Input should be 'append' or 'replace'",
                violations("{" + BASE + ",\"repositories_mode\":\"invalid\"}").get(0).msg());
    }

    @Test
    void patternViolationsPointAtTheItem() {
        Violation violation = violations("{" + BASE + ",\"packages\":[\"ok\",\"+bad\"]}").get(0);
        assertEquals(List.of("body", "packages", 1), violation.loc());
        assertEquals("String should match pattern '^[\\w.,-]*$'", violation.msg());
    }

    @Test
    void repositoryNameWithNewlineIsRejectedAtTheKey() {
        Violation violation = violations("{" + BASE + ",\"repositories\":{\"x\\nsrc/gz evil\":\"https://example.com\"}}").get(0);
        assertEquals(List.of("body", "repositories", "x\nsrc/gz evil", "[key]"), violation.loc());
    }

    @Test
    void repositoryUrlMustBeHttp() {
        assertEquals("string_pattern_mismatch",
                violations("{" + BASE + ",\"repositories\":{\"x\":\"ftp://example.com\"}}").get(0).type());
    }

    @Test
    void unicodeWordCharactersAreAllowed() {
        assertEquals("пакет", READER.read(json("{" + BASE + ",\"packages\":[\"пакет\"]}")).packages().get(0));
    }

    @Test
    void unknownKeysAreIgnoredAndCommasInProfileBecomeUnderscores() {
        BuildRequest request = READER.read(json("{\"version\":\"1\",\"target\":\"a/b\",\"profile\":\"8dev,carambola2\",\"x\":1}"));
        assertEquals("8dev_carambola2", request.profile());
    }

    @Test
    void tooManyPackagesAreOneViolationWithoutCheckingEach() {
        BuildRequestReader reader = new BuildRequestReader(new BuildLimits(20480, 1024, 3, 1024));
        List<Violation> violations = assertThrows(InvalidBuildRequestException.class, () -> reader.read(json(
                "{" + BASE + ",\"packages\":[\"a\",\"b\",\"c\",\"bad name!\"],\"packages_versions\":{\"a\":\"1\"}}"))).violations();
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("too_long", violations.get(0).type());
        assertEquals(List.of("body", "packages"), violations.get(0).loc());
        assertEquals("List should have at most 3 items, not 4", violations.get(0).msg());
    }

    @Test
    void aStringLongerThanTheLimitIsRefusedButTheDefaultsScriptHasItsOwnLimit() {
        BuildRequestReader reader = new BuildRequestReader(new BuildLimits(20480, 1024, 1000, 30));
        List<Violation> violations = assertThrows(InvalidBuildRequestException.class, () -> reader.read(json(
                "{" + BASE + ",\"client\":\"" + "c".repeat(31) + "\",\"defaults\":\"" + "d".repeat(100) + "\","
                        + "\"repositories\":{\"" + "k".repeat(31) + "\":\"https://x/\"}}"))).violations();
        assertEquals(List.of(List.of("body", "repositories", "[key]"), List.of("body", "client")),
                violations.stream().map(Violation::loc).toList(), violations.toString());
        assertTrue(violations.stream().allMatch(v -> v.type().equals("string_too_long")));
    }
}

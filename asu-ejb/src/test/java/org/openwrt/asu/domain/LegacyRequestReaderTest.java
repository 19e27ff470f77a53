package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.domain.LegacyRequestReader.LegacyRequest;

/** The 2021 API's body rules and the order the 2021 server checked them in. */
class LegacyRequestReaderTest {

    private static final LegacyRequestReader READER = new LegacyRequestReader(new BuildRequestReader(new BuildLimits(20480, 1024)));
    private static final String DEVICE = "\"version\":\"1.2.3\",\"target\":\"testtarget/testsubtarget\",\"profile\":\"testprofile\"";

    private static LegacyRequestException refused(String body) {
        return assertThrows(LegacyRequestException.class, () -> READER.read(body));
    }

    private static void assertRefused(int httpStatus, String code, String message, LegacyRequestException refusal) {
        assertEquals(List.of(httpStatus, code, message), List.of(refusal.httpStatus(), refusal.code(), refusal.getMessage()));
    }

    @Test
    void aMissingOrEmptyBodyIsABadRequest() {
        assertRefused(400, "bad_request", "Missing request body", refused(null));
        assertRefused(400, "bad_request", "Missing request body", refused(" "));
        assertRefused(400, "bad_request", "Missing request body", refused("{}"));
        assertRefused(400, "bad_request", "Request body must be a JSON object", refused("[{\"version\":\"1.2.3\"}]"));
        assertTrue(refused("{\"version\": ").getMessage().startsWith("Request body is not valid JSON: "));
    }

    @Test
    void theRequiredFieldsAreCheckedInThe2021Order() {
        assertRefused(400, "bad_request", "Missing version", refused("{\"profile\":\"p\"}"));
        assertRefused(400, "bad_request", "Missing target", refused("{\"version\":\"1.2.3\",\"profile\":\"p\"}"));
        assertRefused(400, "bad_request", "Missing profile", refused("{\"version\":\"1.2.3\",\"target\":\"a/b\"}"));
    }

    @Test
    void aFieldTheContractRefusesIsABadRequestNamingIt() {
        assertRefused(400, "bad_request", "target: String should match pattern '^[\\w]*/[\\w]*$'",
                refused("{\"version\":\"1.2.3\",\"target\":\"no-slash\",\"profile\":\"p\"}"));
    }

    @Test
    void aPackageListOfTheWrongShapeWaitsForTheDeviceChecks() {
        LegacyRequest notAList = READER.read("{" + DEVICE + ",\"packages\":\"testpackage\"}");
        assertRefused(422, "bad_packages", "`packages` must be a list of package names", notAList.packagesProblem().orElseThrow());
        assertEquals("testprofile", notAList.request().profile(), "the device is still read, for the checks before");

        LegacyRequest both = READER.read("{" + DEVICE + ",\"packages\":[\"vim\"],\"packages_versions\":{\"vim\":\"1\"}}");
        assertRefused(400, "duplicate_package_list", "Use either `packages` or `packages_versions`, not both",
                both.packagesProblem().orElseThrow());
    }

    @Test
    void aGoodRequestHasThe12HexHashOfThe2021Server() {
        LegacyRequest read = READER.read("{" + DEVICE + ",\"packages\":[\"vim\",\"-ppp\"]}");
        assertTrue(read.packagesProblem().isEmpty());
        assertEquals(List.of("vim", "-ppp"), read.request().packages());
        assertEquals(RequestHash.legacy("", read.request()), read.hash());
        assertTrue(read.hash().matches("[0-9a-f]{12}"), read.hash());
    }
}

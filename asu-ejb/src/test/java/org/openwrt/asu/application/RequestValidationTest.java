package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.application.RequestValidation.Checks;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.testing.MiniatureBranches;
import org.openwrt.asu.testing.SyncedUpstream;

/**
 * The checks before queueing, over what the janitor copied from the miniature upstream into a
 * real Redis: the original server's order and words, and where the 2021 API differs.
 */
class RequestValidationTest {

    /** The miniature upstream's branches; 22.03 configured but disabled, 21.02 enabled but nothing of it upstream. */
    static final List<Branch> BRANCHES = withUnbuilt(MiniatureBranches.trusting(List.of()));
    static final BuildRequestReader READER = new BuildRequestReader(new BuildLimits(20480, 1024));

    static SyncedUpstream synced;
    static RequestValidation validation;

    private static List<Branch> withUnbuilt(List<Branch> branches) {
        List<Branch> all = new ArrayList<>(branches);
        all.add(new Branch("22.03", "releases/{version}", false, false, 19160, List.of()));
        all.add(new Branch("21.02", "releases/{version}", true, false, 15812, List.of()));
        return all;
    }

    @BeforeAll
    static void sync() throws Exception {
        synced = SyncedUpstream.start(BRANCHES);
        validation = validation(synced);
    }

    /** As the container wires it. */
    static RequestValidation validation(SyncedUpstream synced) {
        UpstreamMetadata metadata = new UpstreamMetadata(synced.store(), Branches.of(BRANCHES));
        return new RequestValidation(BuildPolicy.of(false, new BuildLimits(20480, 1024), List.of("https://feed.example.org")),
                Branches.of(BRANCHES), metadata, synced.sync(), new PackageAvailability(metadata, synced.sync()));
    }

    @AfterEach
    void normalUpstream() {
        synced.upstream().serveNormally();
    }

    @AfterAll
    static void stop() throws Exception {
        synced.close();
    }

    static BuildRequest request(String fields) {
        return READER.read(Json.createReader(new java.io.StringReader("{" + fields + "}")).readValue());
    }

    private static BuildRequestRejectedException rejected(String fields, Checks checks) {
        return assertThrows(BuildRequestRejectedException.class, () -> validation.check(request(fields), checks));
    }

    private static void assertRejected(String code, String message, String legacyMessage, BuildRequestRejectedException e) {
        assertEquals(List.of(code, message, legacyMessage), List.of(e.code(), e.getMessage(), e.legacyMessage()));
    }

    @Test
    void aKnownDeviceIsAcceptedWithItsCanonicalProfile() {
        BuildRequest checked = validation.check(request("\"version\":\"24.10.2\",\"target\":\"ath79/generic\","
                + "\"profile\":\"tplink,archer-c7-v5\""), Checks.V1);
        assertEquals("tplink_archer-c7-v5", checked.profile());
    }

    @Test
    void theBranchIsCheckedBeforeTheVersion() {
        assertRejected("bad_branch", "Unsupported branch: 10.10.10", "Unsupported branch: 10.10.10",
                rejected("\"version\":\"10.10.10\",\"target\":\"ath79/generic\",\"profile\":\"x\"", Checks.V1));
        assertRejected("bad_version", "Unsupported version: 24.10.99", "Unsupported version: 24.10.99",
                rejected("\"version\":\"24.10.99\",\"target\":\"ath79/generic\",\"profile\":\"x\"", Checks.V1));
    }

    @Test
    void aVersionOfABranchTheServerDoesNotBuildIsABranchErrorForThe2021Api() {
        String disabled = "\"version\":\"22.03.5\",\"target\":\"ath79/generic\",\"profile\":\"x\"";
        assertRejected("bad_version", "Unsupported version: 22.03.5", "Unsupported version: 22.03.5", rejected(disabled, Checks.V1));
        assertRejected("bad_branch", "Unsupported branch: 22.03.5", "Unsupported branch: 22.03.5", rejected(disabled, Checks.LEGACY_DEVICE));
        assertRejected("bad_branch", "Unsupported branch: 22.03.5", "Unsupported branch: 22.03.5", rejected(disabled, Checks.LEGACY));
        String noVersions = "\"version\":\"21.02.7\",\"target\":\"ath79/generic\",\"profile\":\"x\"";
        assertEquals("bad_version", rejected(noVersions, Checks.V1).code());
        assertRejected("bad_branch", "Unsupported branch: 21.02.7", "Unsupported branch: 21.02.7", rejected(noVersions, Checks.LEGACY));
    }

    @Test
    void aBranchSnapshotUpstreamDoesNotPublishIsAnUnsupportedVersion() {
        // 24.10-SNAPSHOT is published by the miniature upstream, 23.05-SNAPSHOT is not: it is no known version
        String unpublished = "\"version\":\"23.05-SNAPSHOT\",\"target\":\"ath79/generic\",\"profile\":\"x\"";
        assertRejected("bad_version", "Unsupported version: 23.05-SNAPSHOT", "Unsupported version: 23.05-SNAPSHOT",
                rejected(unpublished, Checks.V1));
        assertRejected("bad_version", "Unsupported version: 23.05-SNAPSHOT", "Unsupported version: 23.05-SNAPSHOT",
                rejected(unpublished, Checks.LEGACY));
    }

    @Test
    void anUnknownProfileIsAProfileErrorWordedForEachApi() {
        assertRejected("bad_profile", "Unsupported profile: Foobar. The requested profile was either dropped or never existed. "
                        + "Please check the forums for more information.", "Unsupported profile: Foobar",
                rejected("\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"Foobar\"", Checks.V1));
    }

    @Test
    void the2021ApiRefusesUnknownPackagesAddedOrRemovedAfterTheDeviceChecks() {
        String device = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\",";
        String packages = "\"packages\":[\"vim\",\"-no-such-package\",\"no-such-either\",\"-ppp\"]";
        assertEquals(Set.of("-no-such-package", "no-such-either"), assertThrows(UnknownPackagesException.class,
                () -> validation.check(request(device + packages), Checks.LEGACY)).packages());
        validation.check(request(device + packages), Checks.V1); // v1 leaves them to the build
        validation.check(request(device + packages), Checks.LEGACY_DEVICE);
        assertEquals("bad_profile", rejected(device.replace("tplink_archer-c7-v5", "Foobar") + packages, Checks.LEGACY).code(),
                "the profile is checked before the packages");
    }

    @Test
    void defaultsAndRepositoriesAreCheckedFirst() {
        assertRejected("bad_request", "Handling `defaults` not enabled on server", "Handling `defaults` not enabled on server",
                rejected("\"version\":\"10.10.10\",\"target\":\"a/b\",\"profile\":\"x\",\"defaults\":\"echo\"", Checks.V1));
        assertEquals("bad_repository", rejected("\"version\":\"10.10.10\",\"target\":\"a/b\",\"profile\":\"x\","
                + "\"repositories\":{\"x\":\"https://elsewhere.example.org/feed\"}", Checks.V1).code());
    }
}

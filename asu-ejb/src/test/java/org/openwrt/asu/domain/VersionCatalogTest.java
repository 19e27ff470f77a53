package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionCatalogTest {

    static final List<Branch> BRANCHES = List.of(
            new Branch("SNAPSHOT", "snapshots", true, true, null, List.of()),
            new Branch("24.10", "releases/{version}", true, false, 27990, List.of()),
            new Branch("23.05", "releases/{version}", true, false, 23069, List.of()),
            new Branch("22.03", "releases/{version}", false, false, 19160, List.of()));

    @Test
    void versionsAreSortedNumericallyNewestFirstWithSnapshotsBelowTheirBranch() {
        var json = Json.createReader(new StringReader("""
                {"stable_version":"24.10.10","oldstable_version":"23.05.5","upcoming_version":"",
                 "versions_list":["24.10.9","24.10.10","24.10.0-rc2","24.10.0","23.05.5","22.03.7","19.07.10"]}
                """)).readObject();

        VersionCatalog catalog = VersionCatalog.of(json, BRANCHES);

        assertEquals(List.of("24.10.10", "23.05.5"), catalog.latest());
        assertEquals(List.of("SNAPSHOT", "24.10.10", "24.10.9", "24.10.0", "24.10.0-rc2", "24.10-SNAPSHOT",
                "23.05.5", "23.05-SNAPSHOT"), catalog.versions());
        assertEquals(List.of("23.05.5", "23.05-SNAPSHOT"), catalog.versionsOf("23.05", List.of("SNAPSHOT", "24.10", "23.05")));
    }

    @Test
    void onlyPublishedVersionsStayInOrder() {
        VersionCatalog catalog = new VersionCatalog(List.of("24.10.2", "23.05.4"),
                List.of("SNAPSHOT", "24.10.2", "24.10-SNAPSHOT", "23.05.4", "23.05-SNAPSHOT"));

        VersionCatalog published = catalog.published(version -> !version.equals("23.05-SNAPSHOT") && !version.equals("23.05.4"));

        assertEquals(List.of("24.10.2"), published.latest());
        assertEquals(List.of("SNAPSHOT", "24.10.2", "24.10-SNAPSHOT"), published.versions());
    }

    @Test
    void opkgPackagesLoseTheirAbiSuffix() {
        PackageIndex index = PackageIndex.fromOpkgPackages("""
                Package: libusb-1.0-0
                Version: 1.0.27-1
                ABIVersion: -0
                Architecture: mips_24kc

                Package: jansson4
                Version: 2.14-3
                ABIVersion: 4
                Architecture: mips_24kc
                Description: a
                 continued
                """);
        assertEquals("mips_24kc", index.architecture());
        assertEquals(java.util.Map.of("libusb-1.0", "1.0.27-1", "jansson", "2.14-3"), index.packages());
    }
}

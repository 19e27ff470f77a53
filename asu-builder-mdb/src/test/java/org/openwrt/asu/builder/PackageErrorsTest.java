package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The package managers' exact error texts (opkg and apk) and the cases of the original's test_check_package_errors. */
class PackageErrorsTest {

    @Test
    void unrecognisedTextGivesTheBareMessage() {
        assertEquals("Impossible package selection", PackageErrors.classify("something else went wrong\n"));
    }

    @Test
    void oneMissingOpkgPackage() {
        assertEquals("Impossible package selection: missing (OPKG-MISSING)", PackageErrors.classify(
                "Collected errors:\n * opkg_install_cmd: Cannot install package OPKG-MISSING.\n"));
    }

    @Test
    void missingApkPackage() {
        assertEquals("Impossible package selection: missing (no-such-package)", PackageErrors.classify("""
                ERROR: unable to select packages:
                  no-such-package (no such package):
                    required by: world[no-such-package]
                make[2]: *** [Makefile:226: package_install] Error 1
                """));
    }

    @Test
    void everyKindAtOnceSortedMissingMinusConflicts() {
        String stderr = """
                Collected errors:
                 * opkg_install_cmd: Cannot install package OPKG-MISSING.
                 * check_conflicts_for: The following packages conflict with OPKG-CONFLICT-1:
                 * check_conflicts_for: \tOPKG-CONFLICT-2 *\s
                 * opkg_install_cmd: Cannot install package OPKG-CONFLICT-1.
                 * check_data_file_clashes: Package OPKG-CONFLICT-3 wants to install file /builder/build_dir/target-mips_24kc_musl/root-ath79/usr/sbin/x
                \tBut that file is already provided by package  * OPKG-CONFLICT-4
                ERROR: unable to select packages:
                  APK-MISSING (no such package):
                    required by: world[APK-MISSING]
                  APK-CONFLICT-1:
                    conflicts: APK-CONFLICT-2[dnsmasq=2.90-r3]
                ERROR: APK-CONFLICT-3: trying to overwrite usr/sbin/dnsmasq owned by APK-CONFLICT-4.
                """;
        assertEquals("Impossible package selection: missing (APK-MISSING, OPKG-MISSING) conflicts (APK-CONFLICT-1, "
                + "APK-CONFLICT-2, APK-CONFLICT-3, APK-CONFLICT-4, OPKG-CONFLICT-1, OPKG-CONFLICT-2, OPKG-CONFLICT-3, "
                + "OPKG-CONFLICT-4)", PackageErrors.classify(stderr));
    }
}

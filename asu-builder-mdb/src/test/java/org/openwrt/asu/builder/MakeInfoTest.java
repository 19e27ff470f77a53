package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MakeInfoTest {

    /** The shape of 24.10.2 ath79 {@code make info}, one profile without a name line. */
    static final String INFO = """
            Current Target: "ath79/generic"
            Current Architecture: "mips"
            Current Revision: "r28739-d9340319c6"
            Default Packages: base-files ca-bundle dropbear firewall4 opkg
            Available Profiles:

            tplink_archer-c7-v5:
                TP-Link Archer C7 v5
                Packages: kmod-usb2 kmod-usb-ledtrig-usbport kmod-ath10k-ct ath10k-firmware-qca988x-ct
                hasImageMetadata: 1
                SupportedDevices: tplink,archer-c7-v5 archer-c7-v5
            generic:
                Packages:\s
                hasImageMetadata:\s
            """;

    @Test
    void readsRevisionDefaultsAndProfiles() {
        MakeInfo info = MakeInfo.parse(INFO);

        assertEquals("r28739-d9340319c6", info.revision());
        assertEquals(List.of("base-files", "ca-bundle", "dropbear", "firewall4", "opkg"), info.defaultPackages());
        assertEquals(List.of("kmod-usb2", "kmod-usb-ledtrig-usbport", "kmod-ath10k-ct", "ath10k-firmware-qca988x-ct"),
                info.profiles().get("tplink_archer-c7-v5").packages());
        assertEquals(List.of(), info.profiles().get("generic").packages());
    }

    @Test
    void aSupportedDeviceNameFindsItsProfile() {
        MakeInfo info = MakeInfo.parse(INFO);

        assertEquals("tplink_archer-c7-v5", info.profile("tplink_archer-c7-v5").orElseThrow().id());
        assertEquals("tplink_archer-c7-v5", info.profile("tplink_archer-c7-v5").orElseThrow().id());
        assertEquals("tplink_archer-c7-v5", info.profile("archer-c7-v5").orElseThrow().id());
        assertTrue(info.profile("tplink_archer-c6-v2").isEmpty());
    }

    @Test
    void defaultAndDevicePackagesTogether() {
        MakeInfo info = MakeInfo.parse(INFO);
        assertTrue(info.packagesOf(info.profiles().get("tplink_archer-c7-v5")).containsAll(List.of("opkg", "kmod-usb2")));
    }
}

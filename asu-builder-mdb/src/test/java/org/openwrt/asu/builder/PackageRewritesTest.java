package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The package rewrites of the original server's apply_package_changes, with the example of its tests. */
class PackageRewritesTest {

    private static final List<String> LANGUAGES = List.of("luci-i18n-english-en", "luci-i18n-opkg-ko",
            "luci-i18n-xinetd-lt", "luci-i18n-opkg-en", "luci-i18n-opkg-zh-cn");

    @Test
    void the2305Mt7622ExampleGainsTheFirmwareAndLosesEnglish() {
        assertEquals(List.of("luci-i18n-opkg-ko", "luci-i18n-xinetd-lt", "luci-i18n-opkg-zh-cn", "kmod-mt7622-firmware"),
                PackageRewrites.apply("23.05.5", "mediatek/mt7622", "foo", LANGUAGES));
    }

    @Test
    void from2410OnOpkgTranslationsBecomePackageManagerOnesAndFitblkIsAdded() {
        List<String> after2305 = PackageRewrites.apply("23.05.5", "mediatek/mt7622", "foo", LANGUAGES);
        assertEquals(List.of("luci-i18n-package-manager-ko", "luci-i18n-xinetd-lt", "luci-i18n-package-manager-zh-cn",
                        "kmod-mt7622-firmware", "fitblk"),
                PackageRewrites.apply("24.10.0-rc5", "mediatek/mt7622", "foo", after2305));
    }

    @Test
    void aucBecomesOwutIn2410() {
        assertEquals(List.of("luci", "owut"), PackageRewrites.apply("24.10.2", "ath79/generic", "x", List.of("auc", "luci")));
        assertEquals(List.of("auc"), PackageRewrites.apply("23.05.4", "ath79/generic", "x", List.of("auc")));
    }

    @Test
    void deviceSpecificAdditions() {
        assertEquals(List.of("kmod-switch-rtl8366s"), PackageRewrites.apply("23.05.4", "ath79/generic", "netgear_wndr3800", List.of()));
        assertEquals(List.of("kmod-switch-rtl8366rb"), PackageRewrites.apply("23.05.4", "ath79/generic", "buffalo_wzr-hp-g300nh-rb", List.of()));
        assertEquals(List.of("ipq-wifi-tplink_archer-c6-v2"), PackageRewrites.apply("24.10.2", "ath79/generic", "tplink_archer-c6-v2", List.of()));
        assertEquals(List.of("kmod-dsa-mv88e6xxx"), PackageRewrites.apply("25.12.0", "mvebu/cortexa72", "mikrotik_rb5009", List.of()));
        assertEquals(List.of("kmod-dsa-gswip", "xrx200-rev1.1-phy11g-firmware", "xrx200-rev1.2-phy11g-firmware"),
                PackageRewrites.apply("25.12.0", "lantiq/xrx200", "avm_fritz7490", List.of()));
        assertEquals(List.of("kmod-dsa-gswip", "xrx200-rev1.1-phy22f-firmware", "xrx200-rev1.2-phy22f-firmware"),
                PackageRewrites.apply("25.12.0", "lantiq/xrx200_legacy", "netgear_dm200", List.of()));
        assertEquals(List.of("kmod-hci-uart"), PackageRewrites.apply("25.12.1", "ipq40xx/generic", "linksys_whw03", List.of()));
        assertEquals(List.of("kmod-ag71xx-legacy"), PackageRewrites.apply("25.12.5", "ath79/mikrotik", "any", List.of()));
        assertEquals(List.of("kmod-ag71xx-legacy"), PackageRewrites.apply("25.12.5", "ath79/mikrotik", "any", List.of("kmod-ag71xx-legacy")));
    }

    @Test
    void snapshotDropsPackagesThatNoLongerExist() {
        assertEquals(List.of("luci"), PackageRewrites.apply("SNAPSHOT", "x86/64", "generic",
                List.of("kmod-nf-conntrack6", "luci", "kmod-lib-crc32c")));
        assertEquals(List.of("luci-i18n-package-manager-de"), PackageRewrites.apply("SNAPSHOT", "x86/64", "generic",
                List.of("luci-i18n-opkg-de")));
    }
}

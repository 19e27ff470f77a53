package org.openwrt.asu.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Corrections the server makes to a package list (the original's {@code apply_package_changes}) after {@code make info}, for packages that
 * were renamed, split out of the kernel or dropped upstream (each rule names its target, version
 * and reason). The request hash is not affected. Version tests are
 * prefix tests, so {@code 23.05} also covers {@code 23.05-SNAPSHOT} and {@code 23.05.0-rc1}.
 */
final class PackageRewrites {

    private static final Set<String> RTL8366S_DEVICES = Set.of("buffalo_wzr-hp-g300nh-s", "dlink_dir-825-b1",
            "netgear_wndr3700", "netgear_wndr3700-v2", "netgear_wndr3800", "netgear_wndr3800ch",
            "netgear_wndrmac-v1", "netgear_wndrmac-v2", "trendnet_tew-673gru");
    private static final Set<String> FITBLK_TARGETS = Set.of("mediatek/filogic", "mediatek/mt7622", "mediatek/mt7623");
    private static final Set<String> MV88E6XXX_KIRKWOOD = Set.of("checkpoint_l-50", "endian_4i-edge-200",
            "linksys_e4200-v2", "linksys_ea3500", "linksys_ea4500");
    private static final Set<String> MV88E6XXX_CORTEXA9 = Set.of("cznic_turris-omnia", "fortinet_fg-30e",
            "fortinet_fwf-30e", "fortinet_fg-50e", "fortinet_fg-51e", "fortinet_fg-52e", "fortinet_fwf-50e-2r",
            "fortinet_fwf-51e", "iij_sa-w2", "linksys_wrt1200ac", "linksys_wrt1900acs", "linksys_wrt1900ac-v1",
            "linksys_wrt1900ac-v2", "linksys_wrt3200acm", "linksys_wrt32x", "marvell_a370-rd");
    private static final Set<String> MV88E6XXX_CORTEXA53 = Set.of("glinet_gl-mv1000", "globalscale_espressobin",
            "globalscale_espressobin-emmc", "globalscale_espressobin-ultra", "globalscale_espressobin-v7",
            "globalscale_espressobin-v7-emmc", "methode_udpu");
    private static final Set<String> MV88E6XXX_CORTEXA72 = Set.of("checkpoint_v-80", "checkpoint_v-81",
            "globalscale_mochabin", "mikrotik_rb5009", "solidrun_clearfog-pro");
    private static final Set<String> XRX200_PHY22F = Set.of("arcadyan_arv7519rw22", "arcadyan_vgv7510kw22-brn",
            "arcadyan_vgv7510kw22-nor", "avm_fritz7412", "avm_fritz7430", "buffalo_wbmr-300hpd");
    private static final Set<String> XRX200_PHY11G = Set.of("tplink_vr200", "tplink_vr200v", "arcadyan_vgv7519-brn",
            "arcadyan_vgv7519-nor", "arcadyan_vrv9510kwac23", "avm_fritz3370-rev2-hynix", "avm_fritz3370-rev2-micron",
            "avm_fritz3390", "avm_fritz3490", "avm_fritz3490-micron", "avm_fritz5490", "avm_fritz5490-micron",
            "avm_fritz7360sl", "avm_fritz7360-v2", "avm_fritz7362sl", "avm_fritz7490", "avm_fritz7490-micron",
            "bt_homehub-v5a", "lantiq_easy80920-nand", "lantiq_easy80920-nor", "zyxel_p-2812hnu-f1",
            "zyxel_p-2812hnu-f3");
    private static final Set<String> XRX200_LEGACY_PHY22F = Set.of("alphanetworks_asl56026", "netgear_dm200");
    private static final Set<String> XRX200_LEGACY_PHY11G = Set.of("tplink_tdw8970", "tplink_tdw8980", "arcadyan_vg3503j");
    private static final Set<String> HCI_UART_DEVICES = Set.of("meraki_mr32", "linksys_whw03", "linksys_whw03v2",
            "linksys_mx4200v1", "linksys_mx8500", "zyxel_nbg7815");
    private static final List<String> PHY22F = List.of("xrx200-rev1.1-phy22f-firmware", "xrx200-rev1.2-phy22f-firmware");
    private static final List<String> PHY11G = List.of("xrx200-rev1.1-phy11g-firmware", "xrx200-rev1.2-phy11g-firmware");

    private PackageRewrites() {
    }

    /** The package list to build for a request's {@code packages} on this version, target and (canonical) profile. */
    static List<String> apply(String version, String target, String profile, List<String> requested) {
        List<String> packages = new ArrayList<>(requested);
        if (version.startsWith("23.05")) {
            if (target.equals("mediatek/mt7622")) {
                add(packages, "kmod-mt7622-firmware");
            } else if (target.equals("ath79/generic")) {
                if (RTL8366S_DEVICES.contains(profile)) {
                    add(packages, "kmod-switch-rtl8366s");
                } else if (profile.equals("buffalo_wzr-hp-g300nh-rb")) {
                    add(packages, "kmod-switch-rtl8366rb");
                }
            }
        }
        if (version.startsWith("24.10")) {
            if (packages.remove("auc")) {
                add(packages, "owut");
            }
            if (profile.equals("tplink_archer-c6-v2")) {
                add(packages, "ipq-wifi-tplink_archer-c6-v2");
            } else if (FITBLK_TARGETS.contains(target)) {
                add(packages, "fitblk");
            }
        }
        if (version.startsWith("25.12")) {
            apply2512(target, profile, packages);
        }
        if (version.equals("SNAPSHOT")) {
            packages.remove("kmod-nf-conntrack6");
            packages.remove("kmod-lib-crc32c");
        }
        if (version.compareTo("24.10") >= 0) {
            packages.replaceAll(name -> name.startsWith("luci-i18n-opkg-")
                    ? "luci-i18n-package-manager-" + name.substring("luci-i18n-opkg-".length()) : name);
        }
        packages.removeIf(name -> name.startsWith("luci-i18n-") && name.endsWith("-en"));
        return packages;
    }

    /** 25.12 moved switch drivers and PHY firmware out of the kernel and split kmod-bluetooth. */
    private static void apply2512(String target, String profile, List<String> packages) {
        switch (target) {
            case "kirkwood/generic" -> addFor(MV88E6XXX_KIRKWOOD, profile, packages, "kmod-dsa-mv88e6xxx");
            case "mvebu/cortexa9" -> addFor(MV88E6XXX_CORTEXA9, profile, packages, "kmod-dsa-mv88e6xxx");
            case "mvebu/cortexa53" -> addFor(MV88E6XXX_CORTEXA53, profile, packages, "kmod-dsa-mv88e6xxx");
            case "mvebu/cortexa72" -> addFor(MV88E6XXX_CORTEXA72, profile, packages, "kmod-dsa-mv88e6xxx");
            case "lantiq/xrx200" -> {
                add(packages, "kmod-dsa-gswip");
                if (XRX200_PHY22F.contains(profile)) {
                    PHY22F.forEach(name -> add(packages, name));
                } else if (XRX200_PHY11G.contains(profile)) {
                    PHY11G.forEach(name -> add(packages, name));
                }
            }
            case "lantiq/xrx200_legacy" -> {
                add(packages, "kmod-dsa-gswip");
                if (XRX200_LEGACY_PHY22F.contains(profile)) {
                    PHY22F.forEach(name -> add(packages, name));
                } else if (XRX200_LEGACY_PHY11G.contains(profile)) {
                    PHY11G.forEach(name -> add(packages, name));
                }
            }
            case "bcm53xx/generic", "ipq40xx/generic", "qualcommax/ipq807x" ->
                    addFor(HCI_UART_DEVICES, profile, packages, "kmod-hci-uart");
            case "ath79/mikrotik" -> add(packages, "kmod-ag71xx-legacy");
            default -> {
            }
        }
    }

    private static void addFor(Set<String> profiles, String profile, List<String> packages, String name) {
        if (profiles.contains(profile)) {
            add(packages, name);
        }
    }

    private static void add(List<String> packages, String name) {
        if (!packages.contains(name)) {
            packages.add(name);
        }
    }
}

package org.openwrt.asu.upstream;

import java.util.List;

/**
 * A target/subtarget of the miniature upstream.
 *
 * @param cpuArch            what {@code make info} prints as "Current Architecture"
 * @param kernelImageBytes   flash taken by the kernel part of a firmware image
 * @param defaultImageLimit  the usual {@code IMAGE_SIZE} of the target's devices in bytes, 0 when
 *                           its devices have no size check (NAND/eMMC, disks)
 */
record Target(String name, String archPackages, String cpuArch, long kernelImageBytes,
              long defaultImageLimit) {

    static final List<Target> ALL = List.of(
            new Target("ath79/generic", "mips_24kc", "mips", 2_400_000, 15_872 * 1024L),
            new Target("ramips/mt7621", "mipsel_24kc", "mipsel", 2_900_000, 15_808 * 1024L),
            new Target("mediatek/filogic", "aarch64_cortex-a53", "aarch64", 4_800_000, 0),
            new Target("x86/64", "x86_64", "x86_64", 6_200_000, 0));

    String board() {
        return name.substring(0, name.indexOf('/'));
    }

    String subtarget() {
        return name.substring(name.indexOf('/') + 1);
    }

    /** "ath79-generic", as in image and archive names. */
    String dashed() {
        return name.replace('/', '-');
    }

    /** Whether its disk images have a root partition of {@code ROOTFS_PARTSIZE}. */
    boolean hasRootPartition() {
        return board().equals("x86");
    }
}

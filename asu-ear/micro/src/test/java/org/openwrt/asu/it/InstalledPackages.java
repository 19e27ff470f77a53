package org.openwrt.asu.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code rpc-sys packagelist} reports on a router flashed with a release image: the
 * image's default and device packages as installed, plus what the user added. A virtual name in
 * {@code default_packages} is installed as the package that provides it, and the router reports
 * that one (an index knows no version of the virtual name).
 */
final class InstalledPackages {

    /** The provider a default image installs for a virtual default package. */
    private static final Map<String, String> PROVIDER = Map.of("nftables", "nftables-json");

    private InstalledPackages() {
    }

    static List<String> of(List<String> defaultPackages, List<String> devicePackages, String... added) {
        List<String> installed = new ArrayList<>();
        for (String name : defaultPackages) {
            installed.add(PROVIDER.getOrDefault(name, name));
        }
        devicePackages.stream().filter(name -> !name.startsWith("-")).forEach(installed::add);
        installed.removeAll(devicePackages.stream().filter(name -> name.startsWith("-")).map(name -> name.substring(1)).toList());
        installed.addAll(List.of(added));
        return installed;
    }
}

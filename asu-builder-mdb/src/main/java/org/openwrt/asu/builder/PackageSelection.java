package org.openwrt.asu.builder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code PACKAGES} list handed to {@code make}: the requested list, or with {@code diff_packages}
 * that list plus a {@code -name} for every default package it does not name, as the original server does.
 */
final class PackageSelection {

    private PackageSelection() {
    }

    /**
     * With {@code diff_packages} the request is the complete list: every default or device
     * package it does not name is removed ({@code -name}, sorted), then the request follows in
     * its own order.
     */
    static List<String> diff(List<String> requested, Collection<String> defaultAndDevicePackages) {
        Set<String> removals = new TreeSet<>();
        for (String name : defaultAndDevicePackages) {
            if (!requested.contains(name)) {
                removals.add(("-" + name).replace("--", "-"));
            }
        }
        List<String> packages = new ArrayList<>(removals);
        packages.addAll(requested);
        return packages;
    }
}

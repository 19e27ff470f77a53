package org.openwrt.asu.domain;

import java.util.List;

/**
 * A release branch the server builds for, as configured (see {@link org.openwrt.asu.application.Branches}).
 *
 * @param name         {@code SNAPSHOT}, {@code 24.10}, …
 * @param path         where its versions live upstream, with a {@code {version}} placeholder: {@code releases/{version}}
 * @param enabled      offered to clients and accepted for builds
 * @param snapshot     its versions are rebuilt continuously (shorter caching)
 * @param branchOffRev the OpenWrt revision number the branch split from master, or null for SNAPSHOT
 * @param usignKeys    usign public keys (base64 line) trusted to sign this branch's {@code sha256sums}
 */
public record Branch(String name, String path, boolean enabled, boolean snapshot, Integer branchOffRev,
                     List<String> usignKeys) {

    public Branch {
        usignKeys = List.copyOf(usignKeys);
    }

    /** The upstream directory of one version: {@code releases/24.10.2}, {@code snapshots}. */
    public String pathOf(String version) {
        return path.replace("{version}", version);
    }

    /**
     * The branch name a version belongs to, by the original server's rule: a configured branch
     * name stands for itself, {@code 24.10-SNAPSHOT} belongs to {@code 24.10}, anything else to
     * the text before its last dot ({@code 24.10.0-rc1} → {@code 24.10}).
     */
    public static String nameOf(String version, java.util.Collection<String> configuredNames) {
        if (configuredNames.contains(version)) {
            return version;
        }
        if (version.endsWith("-SNAPSHOT")) {
            return version.substring(0, version.lastIndexOf('-'));
        }
        int dot = version.lastIndexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}

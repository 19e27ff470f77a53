package org.openwrt.asu.application;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a node does among those that share Redis and the broker ({@code asu.node.roles}): a
 * {@link #WEB} node answers the API, the pages and the store; a {@link #BUILDER} node takes builds
 * off the queue. A node has one or both.
 */
public enum NodeRole {
    WEB, BUILDER;

    /** The name as written in {@code asu.node.roles}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * MicroProfile Config's implicit converter. Strict (lower case only): the builders'
     * deployment descriptors look for the word {@code builder} in the same setting.
     */
    public static NodeRole of(String configName) {
        String trimmed = configName.trim();
        return Arrays.stream(values()).filter(role -> role.configName().equals(trimmed)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("asu.node.roles: unknown role '" + trimmed + "' (roles: "
                        + Arrays.stream(values()).map(NodeRole::configName).collect(Collectors.joining(", ")) + ")"));
    }
}

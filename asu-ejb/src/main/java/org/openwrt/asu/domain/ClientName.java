package org.openwrt.asu.domain;

/**
 * The name and version of the program that sent a build request, as the client statistics count
 * it: the request's {@code client} field when it has one; else {@code auc}'s User-Agent turned
 * into {@code name/version} ({@code auc (0.3.2)} and {@code auc/0.3.2} both give
 * {@code auc/0.3.2}); else {@code unknown/0}, also when there is no User-Agent at all.
 */
public final class ClientName {

    public static final String UNKNOWN = "unknown/0";

    private ClientName() {
    }

    /**
     * @param client    the request's {@code client} field, or null
     * @param userAgent the {@code User-Agent} header, or null
     */
    public static String of(String client, String userAgent) {
        if (client != null && !client.isEmpty()) {
            return client;
        }
        if (userAgent != null && userAgent.startsWith("auc")) {
            return userAgent.replace(" (", "/").replace(")", "");
        }
        return UNKNOWN;
    }
}

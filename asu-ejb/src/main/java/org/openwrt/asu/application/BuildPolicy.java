package org.openwrt.asu.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildRequestReader;

/**
 * What this server accepts in a build request, from configuration: whether first-boot scripts
 * are allowed, the size limits, and where extra package feeds may come from. The API, the
 * validation, the metadata documents and the builders all ask here.
 */
@ApplicationScoped
public class BuildPolicy {

    /** The settings of the request limits, also read by the API document. */
    public static final String MAX_DEFAULTS_LENGTH = "asu.max-defaults-length";
    public static final String MAX_ROOTFS_SIZE_MB = "asu.max-custom-rootfs-size-mb";

    private boolean allowDefaults;
    private int maxDefaultsLength;
    private int maxRootfsSizeMb;
    private int maxEntries = Integer.MAX_VALUE;
    private int maxStringLength = Integer.MAX_VALUE;
    // looked up, not injected: Payara cannot inject Optional<List<String>>
    private Config config;
    private List<String> repositoryAllowList;

    protected BuildPolicy() {
    }

    @Inject
    public BuildPolicy(@ConfigProperty(name = "asu.allow-defaults") boolean allowDefaults,
                       @ConfigProperty(name = MAX_DEFAULTS_LENGTH) int maxDefaultsLength,
                       @ConfigProperty(name = MAX_ROOTFS_SIZE_MB) int maxRootfsSizeMb,
                       Config config) {
        this.allowDefaults = allowDefaults;
        this.maxDefaultsLength = maxDefaultsLength;
        this.maxRootfsSizeMb = maxRootfsSizeMb;
        this.config = config;
    }

    @PostConstruct
    void read() {
        repositoryAllowList = config.getOptionalValues("asu.repository-allow-list", String.class).orElse(List.of());
        maxEntries = config.getValue("asu.request.max-list-entries", Integer.class);
        maxStringLength = config.getValue("asu.request.max-string-length", Integer.class);
    }

    /** A policy outside the container (tests, tools). */
    public static BuildPolicy of(boolean allowDefaults, BuildLimits limits, List<String> repositoryAllowList) {
        BuildPolicy policy = new BuildPolicy();
        policy.allowDefaults = allowDefaults;
        policy.maxDefaultsLength = limits.maxDefaultsLength();
        policy.maxRootfsSizeMb = limits.maxRootfsSizeMb();
        policy.maxEntries = limits.maxEntries();
        policy.maxStringLength = limits.maxStringLength();
        policy.repositoryAllowList = List.copyOf(repositoryAllowList);
        return policy;
    }

    public boolean allowsDefaults() {
        return allowDefaults;
    }

    public BuildLimits limits() {
        return new BuildLimits(maxDefaultsLength, maxRootfsSizeMb, maxEntries, maxStringLength);
    }

    /** {@code asu.repository-allow-list}: URL prefixes extra feeds must lie under; empty allows none. */
    public List<String> repositoryAllowList() {
        return repositoryAllowList;
    }

    public boolean allowsRepository(String url) {
        return repositoryAllowed(url, repositoryAllowList());
    }

    /** The build contract with this server's limits (a pseudo-scoped singleton: the reader is immutable). */
    @Produces
    @Singleton
    BuildRequestReader requestReader() {
        return new BuildRequestReader(limits());
    }

    /**
     * Same scheme, same host (parsed, so {@code downloads.openwrt.org.evil.com} and user-info
     * tricks fail), and a path below the allowed one; an empty list allows nothing.
     */
    public static boolean repositoryAllowed(String url, List<String> allowList) {
        URI requested;
        try {
            requested = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String entry : allowList) {
            URI allowed = URI.create(entry.trim());
            String allowedPath = Optional.ofNullable(allowed.getPath()).orElse("").replaceAll("/+$", "");
            if (sameIgnoringCase(requested.getScheme(), allowed.getScheme())
                    && sameIgnoringCase(requested.getHost(), allowed.getHost())
                    && Optional.ofNullable(requested.getPath()).orElse("").startsWith(allowedPath + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameIgnoringCase(String left, String right) {
        return left != null && right != null && left.toLowerCase(Locale.ROOT).equals(right.toLowerCase(Locale.ROOT));
    }
}

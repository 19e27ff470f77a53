package org.openwrt.asu.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read the answers from a script on another origin (the Firmware Selector, LuCI on the
 * router, both pages of other origins whose browsers ask first), and what a preflight allows. {@code asu.cors.allow-origin} is
 * {@code *} or a comma-separated list of origins; a listed origin is echoed, any other gets no
 * {@code Access-Control-Allow-Origin} at all.
 */
@ApplicationScoped
public class CrossOriginPolicy {

    /** The headers a script may read: build progress, auc's unknown package, the download's size and name. */
    public static final String EXPOSED_HEADERS =
            "X-Imagebuilder-Status, X-Queue-Position, X-Unknown-Package, Content-Length, Content-Disposition";
    static final String ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";

    private Set<String> origins;
    private boolean anyOrigin;
    private long maxAgeSeconds;

    /** For the container's proxy only. */
    protected CrossOriginPolicy() {
    }

    @Inject
    public CrossOriginPolicy(@ConfigProperty(name = "asu.cors.allow-origin") String allowOrigin,
                             @ConfigProperty(name = "asu.cors.max-age") Duration maxAge) {
        this.origins = Arrays.stream(allowOrigin.split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.anyOrigin = origins.contains("*");
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request from this origin (may be null). */
    public Optional<String> allowedOrigin(String requestOrigin) {
        if (anyOrigin) {
            return Optional.of("*");
        }
        return requestOrigin != null && origins.contains(requestOrigin) ? Optional.of(requestOrigin) : Optional.empty();
    }

    /** With a list of origins the answer differs per origin, so caches must keep them apart. */
    public boolean variesByOrigin() {
        return !anyOrigin;
    }

    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    /** The headers a preflight asked for, always with {@code content-type} (every JSON client sets it). */
    public String allowedHeaders(String requestedHeaders) {
        Set<String> headers = new LinkedHashSet<>();
        headers.add("content-type");
        if (requestedHeaders != null) {
            Arrays.stream(requestedHeaders.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .filter(h -> !h.isEmpty()).forEach(headers::add);
        }
        return String.join(", ", headers);
    }
}

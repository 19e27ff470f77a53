package org.openwrt.asu.application;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Raised before queueing when a 2021 request names packages the target does not offer (in request order, as sent). */
public class UnknownPackagesException extends RuntimeException {

    private final transient Set<String> packages;

    public UnknownPackagesException(Set<String> packages) {
        super("Unsupported package(s): " + String.join(", ", packages));
        this.packages = Collections.unmodifiableSet(new LinkedHashSet<>(packages));
    }

    public Set<String> packages() {
        return packages;
    }
}

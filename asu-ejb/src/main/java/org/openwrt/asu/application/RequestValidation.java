package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.BuildRequest;

/**
 * The checks a new request passes before it is queued, in the original server's order, so that
 * clients get the same first message for the same mistake.
 */
@ApplicationScoped
public class RequestValidation {

    @Inject
    @ConfigProperty(name = "asu.allow-defaults")
    boolean allowDefaults;

    public void check(BuildRequest request) {
        if (request.hasDefaults() && !allowDefaults) {
            throw new BuildRequestRejectedException("bad_request", "Handling `defaults` not enabled on server");
        }
        if (!"openwrt".equals(request.distro())) {
            throw new BuildRequestRejectedException("bad_distro", "Unsupported distro: " + request.distro());
        }
    }
}

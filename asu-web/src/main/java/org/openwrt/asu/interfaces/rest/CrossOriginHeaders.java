package org.openwrt.asu.interfaces.rest;

import org.openwrt.asu.interfaces.admin.AdminGuard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer — API, {@code /json/v1} documents, redirects, {@code /store} downloads, preflights
 * and every error, JAX-RS's own included — carries {@code Access-Control-Allow-Origin} and
 * exposes the headers clients read from scripts; except the operators' console, which no other
 * site may read.
 */
@Provider
@ApplicationScoped
public class CrossOriginHeaders implements ContainerResponseFilter {

    private CrossOriginPolicy policy;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public CrossOriginHeaders() {
    }

    @Inject
    public CrossOriginHeaders(CrossOriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (AdminGuard.covers(request.getUriInfo().getPath())) {
            return;
        }
        var headers = response.getHeaders();
        policy.allowedOrigin(request.getHeaderString("Origin"))
                .ifPresent(origin -> headers.putSingle("Access-Control-Allow-Origin", origin));
        headers.putSingle("Access-Control-Expose-Headers", CrossOriginPolicy.EXPOSED_HEADERS);
        // other headers the answer varies by (Accept-Encoding of rendered answers) stay
        if (policy.variesByOrigin() && !String.valueOf(headers.get(HttpHeaders.VARY)).contains("Origin")) {
            headers.add(HttpHeaders.VARY, "Origin");
        }
    }
}

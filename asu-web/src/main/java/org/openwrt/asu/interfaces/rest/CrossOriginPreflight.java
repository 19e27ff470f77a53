package org.openwrt.asu.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * A browser's preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered
 * 204 on every path before any resource is matched, as upstream's Caddy does; the browser then
 * sends the real request. {@link CrossOriginHeaders} adds the origin to this answer too.
 */
@Provider
@PreMatching
@ApplicationScoped
public class CrossOriginPreflight implements ContainerRequestFilter {

    private CrossOriginPolicy policy;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public CrossOriginPreflight() {
    }

    @Inject
    public CrossOriginPreflight(CrossOriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", CrossOriginPolicy.ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers",
                        policy.allowedHeaders(request.getHeaderString("Access-Control-Request-Headers")))
                .header("Access-Control-Max-Age", policy.maxAgeSeconds())
                .build());
    }
}

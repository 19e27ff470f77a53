package org.openwrt.asu.interfaces.admin;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * The console's second lock, behind {@link AdminLogin}: a request that reached an
 * {@link AdminOnly} resource without the operator's role is refused, whatever path spelling got
 * it past the URL patterns. An action (anything but GET and HEAD) must also carry
 * {@value #ACTION_HEADER}, which a page of another site cannot add without a preflight this
 * server never grants for the console: a browser holding the operator's login cannot be made to
 * act by a forged form. No answer of the console is cached.
 */
@Provider
@AdminOnly
public class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ACTION_HEADER = "X-Requested-By";
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    /** Whether a request path (relative to the root, as JAX-RS gives it) is part of the console. */
    public static boolean covers(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("admin") || relative.startsWith("admin/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getSecurityContext().isUserInRole(AdminAccount.ROLE)) {
            request.abortWith(Response.fromResponse(
                    ErrorBody.response(401, "The admin console needs a login (HTTP Basic authentication)"))
                    .header("WWW-Authenticate", AdminLogin.CHALLENGE).build());
        } else if (!READS.contains(request.getMethod()) && request.getHeaderString(ACTION_HEADER) == null) {
            request.abortWith(ErrorBody.response(403, "Admin actions need the request header " + ACTION_HEADER
                    + " (any value), which protects them from cross-site requests"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}

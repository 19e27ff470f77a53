package org.openwrt.asu.interfaces.admin;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.openwrt.asu.interfaces.http.JsonErrorResponse;

/**
 * The console's first lock: HTTP Basic authentication on {@code /admin} and everything under
 * it, against {@link AdminAccount}. A missing or wrong login is answered 401 with a
 * {@code WWW-Authenticate} challenge (browsers ask for the login) and the server's usual JSON
 * error body; a good one goes on as the operator, in the role {@link AdminGuard} checks.
 * A servlet filter rather than Jakarta Security: the container's authentication bridge ran on
 * every request of the public API, and it cost a large share of a cached answer's time
 * (misc/bench/read-path). Other requests never meet this filter, even with an
 * {@code Authorization} header. Mapped in web.xml. Servlet filters are created by the
 * container, hence field injection.
 */
public class AdminLogin extends HttpFilter {

    public static final String CHALLENGE = "Basic realm=\"ASU admin\", charset=\"UTF-8\"";

    @Inject
    AdminAccount account;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[] credential = basicCredential(request.getHeader("Authorization"));
        if (credential != null && account.accepts(credential[0], credential[1])) {
            chain.doFilter(new Operator(request, account.user()), response);
            return;
        }
        refuse(response, credential != null ? "Wrong user name or password for the admin console"
                : "The admin console needs a login (HTTP Basic authentication)");
    }

    /** user name and password of a Basic {@code Authorization} header, or null. */
    private static String[] basicCredential(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setHeader("Cache-Control", "no-store");
        JsonErrorResponse.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                Json.createObjectBuilder().add("status", HttpServletResponse.SC_UNAUTHORIZED).add("detail", detail).build());
    }

    /** The request of the logged-in operator, as JAX-RS' SecurityContext reads it. */
    private static final class Operator extends HttpServletRequestWrapper {

        private final Principal principal;

        Operator(HttpServletRequest request, String user) {
            super(request);
            this.principal = () -> user;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }

        @Override
        public boolean isUserInRole(String role) {
            return AdminAccount.ROLE.equals(role);
        }
    }
}

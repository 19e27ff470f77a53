package org.openwrt.asu.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic authentication for the protected URLs only: every other request passes untouched,
 * even one that carries an {@code Authorization} header. A missing or wrong login is answered 401
 * with a {@code WWW-Authenticate} challenge (browsers ask for the login) and the server's usual
 * JSON error body. Credentials are checked by the application's identity stores
 * ({@link AdminIdentityStore}).
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    public static final String CHALLENGE = "Basic realm=\"ASU admin\", charset=\"UTF-8\"";

    private IdentityStoreHandler identityStores;

    protected AdminAuthentication() {
    }

    @Inject
    public AdminAuthentication(IdentityStoreHandler identityStores) {
        this.identityStores = identityStores;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        Optional<UsernamePasswordCredential> credential = basicCredential(request.getHeader("Authorization"));
        if (credential.isPresent()) {
            CredentialValidationResult result = identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        }
        refuse(response, credential.isPresent() ? "Wrong user name or password for the admin console"
                : "The admin console needs a login (HTTP Basic authentication)");
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static Optional<UsernamePasswordCredential> basicCredential(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Written and committed here, so the container sends this body rather than its HTML error page. */
    private static void refuse(HttpServletResponse response, String detail) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("status", 401).add("detail", detail).build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }
}

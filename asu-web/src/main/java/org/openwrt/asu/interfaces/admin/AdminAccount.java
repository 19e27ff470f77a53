package org.openwrt.asu.interfaces.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's account: {@code asu.admin.user} with {@code asu.admin.password}. Without a
 * password every login is refused, so a server nobody configured has a locked console, never an
 * open one. Passwords are compared by their digests in constant time.
 */
@ApplicationScoped
public class AdminAccount {

    /** The role a request that logged in has ({@link AdminGuard} asks for it). */
    public static final String ROLE = "asu-admin";
    private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());

    private String user;
    private Optional<String> password;

    protected AdminAccount() {
    }

    @Inject
    public AdminAccount(@ConfigProperty(name = "asu.admin.user") String user,
                        @ConfigProperty(name = "asu.admin.password") Optional<String> password) {
        this.user = user;
        this.password = password;
    }

    @PostConstruct
    void warnWhenLocked() {
        if (password.filter(value -> !value.isEmpty()).isEmpty()) {
            LOG.warning("the admin console (/admin) is locked: set asu.admin.password (e.g. ASU_ADMIN_PASSWORD) to open it");
        }
    }

    public String user() {
        return user;
    }

    public boolean accepts(String caller, String givenPassword) {
        Optional<String> expected = password.filter(value -> !value.isEmpty());
        // & rather than &&: both comparisons always run, so the time taken tells nothing
        return expected.isPresent()
                & MessageDigest.isEqual(digest(caller), digest(user))
                & MessageDigest.isEqual(digest(givenPassword), digest(expected.orElse("")));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

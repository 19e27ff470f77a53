package org.openwrt.asu.infrastructure.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens JMS contexts (and management sessions) as {@code asu.broker.user} when an external broker wants a login. */
@ApplicationScoped
public class BrokerCredentials {

    @Inject
    @ConfigProperty(name = "asu.broker.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "asu.broker.password")
    Optional<String> password;

    /** The user for a core-protocol session (management), or null when the broker wants no login. */
    String user() {
        return user.orElse(null);
    }

    String password() {
        return user.isPresent() ? password.orElse("") : null;
    }

    public JMSContext open(ConnectionFactory connectionFactory) {
        return user.isPresent()
                ? connectionFactory.createContext(user.get(), password.orElse(""))
                : connectionFactory.createContext();
    }
}

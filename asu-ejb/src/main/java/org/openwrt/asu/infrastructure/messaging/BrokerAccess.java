package org.openwrt.asu.infrastructure.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the broker is ({@code asu.broker.host}, {@code asu.broker.port}: the embedded broker's
 * acceptor; {@code asu.broker.url}, by default the same address: an external broker or a
 * primary/backup pair, {@code (tcp://a:61616,tcp://b:61617)?ha=true&reconnectAttempts=-1}) and the
 * login an external broker may want ({@code asu.broker.user}, {@code asu.broker.password}).
 */
@ApplicationScoped
public class BrokerAccess {

    private String host;
    private int port;
    private String url;
    private Optional<String> user;
    private Optional<String> password;

    protected BrokerAccess() {
    }

    @Inject
    public BrokerAccess(@ConfigProperty(name = "asu.broker.host") String host,
                        @ConfigProperty(name = "asu.broker.port") int port,
                        @ConfigProperty(name = "asu.broker.url") String url,
                        @ConfigProperty(name = "asu.broker.user") Optional<String> user,
                        @ConfigProperty(name = "asu.broker.password") Optional<String> password) {
        this.host = host;
        this.port = port;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The Artemis client URL of the broker (or of both brokers of a pair) for a core-protocol session. */
    String url() {
        return url;
    }

    /** The user for a core-protocol session (management), or null when the broker wants no login. */
    String user() {
        return user.orElse(null);
    }

    String password() {
        return user.isPresent() ? password.orElse("") : null;
    }

    /** A JMS context of the resource adapter's factory, logged in as the user when there is one. */
    public JMSContext open(ConnectionFactory connectionFactory) {
        return user.isPresent()
                ? connectionFactory.createContext(user.get(), password.orElse(""))
                : connectionFactory.createContext();
    }
}

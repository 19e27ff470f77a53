package org.openwrt.asu.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.openwrt.asu.infrastructure.messaging.EmbeddedBroker;

/**
 * Alive while the embedded broker runs: it lives in this JVM, so a broker that stopped needs a
 * restart of the server. With an external broker ({@code asu.broker.embedded=false}) there is
 * nothing in the JVM to watch and the check is UP; whether that broker answers is a readiness
 * question ({@code build-queue}).
 */
@Liveness
@ApplicationScoped
public class BrokerLiveness implements HealthCheck {

    static final String NAME = "embedded-broker";

    private EmbeddedBroker broker;
    private boolean embedded;

    protected BrokerLiveness() {
    }

    @Inject
    public BrokerLiveness(EmbeddedBroker broker, @ConfigProperty(name = "asu.broker.embedded") boolean embedded) {
        this.broker = broker;
        this.embedded = embedded;
    }

    @Override
    public HealthCheckResponse call() {
        if (!embedded) {
            return HealthCheckResponse.named(NAME).up().withData("broker", "external").build();
        }
        return HealthCheckResponse.named(NAME).status(broker.running()).withData("broker", "embedded").build();
    }
}

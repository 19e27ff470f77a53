package org.openwrt.asu.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openwrt.asu.infrastructure.messaging.BrokerAccess;
import org.openwrt.asu.infrastructure.messaging.BuildQueueNames;

/** Ready when the broker opens the build queue: a browser needs a live session and an existing queue. */
@Readiness
@ApplicationScoped
public class BuildQueueReadiness implements HealthCheck {

    // signed on by the application, as JmsBuildQueue's
    @Resource(lookup = BuildQueueNames.CONNECTION_FACTORY, authenticationType = Resource.AuthenticationType.APPLICATION)
    ConnectionFactory connectionFactory;

    private BrokerAccess broker;

    protected BuildQueueReadiness() {
    }

    @Inject
    public BuildQueueReadiness(BrokerAccess broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        try (JMSContext context = broker.open(connectionFactory);
             QueueBrowser browser = context.createBrowser(context.createQueue(BuildQueueNames.BUILDS))) {
            browser.getEnumeration();
            return HealthCheckResponse.up("build-queue");
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            return HealthCheckResponse.named("build-queue").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}

package org.openwrt.asu.infrastructure.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.openwrt.asu.application.BuildQueue;
import org.openwrt.asu.application.BuildQueueUnavailableException;

/** Sends each request hash as a persistent text message to {@value BuildQueueNames#BUILDS}. */
@ApplicationScoped
public class JmsBuildQueue implements BuildQueue {

    @Resource(lookup = BuildQueueNames.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    BrokerCredentials credentials;

    @Override
    public void send(String requestHash) {
        try (JMSContext context = credentials.open(connectionFactory)) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(BuildQueueNames.BUILDS), requestHash);
        } catch (JMSRuntimeException e) {
            throw new BuildQueueUnavailableException("the build queue does not accept requests: " + e.getMessage(), e);
        }
    }
}

package org.openwrt.asu.infrastructure.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.OptionalLong;

/**
 * How many messages wait in a queue of the broker. The embedded broker is asked directly
 * (Artemis management: the queue's message count minus those being delivered, i.e. builds
 * waiting, redeliveries scheduled included, running builds not). An external broker is counted
 * by browsing the queue through the resource adapter: portable, needs no management rights, reads
 * every waiting message once, which is cheap for a queue capped at {@code asu.build.max-pending}
 * but grows with the dead-letter queue.
 */
@ApplicationScoped
public class QueueDepth {

    @Inject
    EmbeddedBroker embeddedBroker;

    @Resource(lookup = BuildQueueNames.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    BrokerCredentials credentials;

    /** Messages waiting in {@code queue}; 0 for a queue that does not exist. */
    public long waiting(String queue) {
        OptionalLong embedded = embeddedBroker.waitingMessages(queue);
        if (embedded.isPresent()) {
            return embedded.getAsLong();
        }
        try (JMSContext context = credentials.open(connectionFactory);
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            long count = 0;
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                count++;
            }
            return count;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot browse " + queue + ": " + e.getMessage(), e);
        }
    }
}

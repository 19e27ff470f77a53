package org.openwrt.asu.infrastructure.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.openwrt.asu.application.BuildQueue;
import org.openwrt.asu.application.BuildQueueUnavailableException;

/**
 * Sends each request hash as a persistent text message to {@value BuildQueueNames#BUILDS}, and
 * parks the ones the builders gave up on in {@value BuildQueueNames#DEAD_BUILDS}.
 */
@ApplicationScoped
public class JmsBuildQueue implements BuildQueue {

    /** A failure can be a long chain of causes; the message keeps its beginning. */
    private static final int MAX_FAILURE_LENGTH = 4000;

    // the application signs on (BrokerAccess.open with asu.broker.user): with the default,
    // container sign-on, Payara hands the adapter an empty login and a broker that requires one refuses it
    @Resource(lookup = BuildQueueNames.CONNECTION_FACTORY, authenticationType = Resource.AuthenticationType.APPLICATION)
    ConnectionFactory connectionFactory;

    private BrokerAccess broker;

    protected JmsBuildQueue() {
    }

    @Inject
    public JmsBuildQueue(BrokerAccess broker) {
        this.broker = broker;
    }

    @Override
    public void send(String requestHash, JsonObject request) {
        send(BuildQueueNames.BUILDS, requestHash, request.toString(), producer -> producer);
    }

    @Override
    public void park(String requestHash, String request, String failure, int attempts, String node) {
        String reason = failure.length() > MAX_FAILURE_LENGTH ? failure.substring(0, MAX_FAILURE_LENGTH) + "…" : failure;
        send(BuildQueueNames.DEAD_BUILDS, requestHash, request, producer -> producer
                .setProperty(BuildQueueNames.FAILURE, reason)
                .setProperty(BuildQueueNames.FAILED_AT, Instant.now().toString())
                .setProperty(BuildQueueNames.ATTEMPTS, Integer.toString(attempts))
                .setProperty(BuildQueueNames.NODE, node));
    }

    private void send(String queue, String requestHash, String request,
                      UnaryOperator<JMSProducer> properties) {
        try (JMSContext context = broker.open(connectionFactory)) {
            JMSProducer producer = context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .setProperty(BuildQueueNames.HASH, requestHash);
            if (request != null) {
                producer.setProperty(BuildQueueNames.REQUEST, request);
            }
            properties.apply(producer).send(context.createQueue(queue), requestHash);
        } catch (JMSRuntimeException e) {
            throw new BuildQueueUnavailableException("the build queue does not accept requests: " + e.getMessage(), e);
        }
    }
}

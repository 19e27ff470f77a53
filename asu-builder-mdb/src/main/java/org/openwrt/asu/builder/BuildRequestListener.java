package org.openwrt.asu.builder;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;
import org.openwrt.asu.infrastructure.messaging.BuildQueueNames;

/**
 * Takes one request hash off the build queue and builds it. No transaction: a build runs for
 * minutes, longer than any sensible transaction timeout; the message is acknowledged when the
 * build returns, so a build cut short by a crash is delivered again and, because the build
 * state in Redis decides what still needs doing, built once. The resource adapter binding and
 * the number of concurrent sessions are set per server in glassfish-ejb-jar.xml.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "asu.builds"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    // no prefetching: a session takes its next build when it is free, so builds spread over the
    // nodes' free slots and the broker counts the rest as waiting
    @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildRequestListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(BuildRequestListener.class.getName());
    /** Set by the broker: 1 on the first delivery. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    // a field: the EJB container creates message-driven beans itself, and CDI offers them no constructor injection
    @Inject
    BuildDelivery delivery;

    @Override
    public void onMessage(Message message) {
        String requestHash;
        String request;
        int attempt;
        try {
            requestHash = message.getBody(String.class);
            request = message.getStringProperty(BuildQueueNames.REQUEST);
            attempt = message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 1;
        } catch (JMSException e) {
            LOG.warning(() -> "dropping a build message without a request hash: " + e.getMessage());
            return;
        }
        delivery.deliver(requestHash, request, attempt);
    }
}

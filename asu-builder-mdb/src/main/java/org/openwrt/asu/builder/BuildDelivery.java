package org.openwrt.asu.builder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.BuildQueue;
import org.openwrt.asu.application.ServerNode;

/**
 * One delivery of a build message. A build only throws when it cannot record anything (Redis
 * is unreachable); the message is then delivered again after the broker's redelivery delay. The
 * last of {@code asu.broker.max-delivery-attempts} attempts parks it in the dead-letter queue
 * with the reason instead, so the operators see why; a broker configured to give up earlier
 * parks it itself, without a reason.
 */
@ApplicationScoped
public class BuildDelivery {

    private static final Logger LOG = Logger.getLogger(BuildDelivery.class.getName());

    private BuildRecipe recipe;
    private BuildQueue queue;
    private ServerNode node;
    private int maxAttempts;

    protected BuildDelivery() {
    }

    @Inject
    public BuildDelivery(BuildRecipe recipe,
                         BuildQueue queue,
                         ServerNode node,
                         @ConfigProperty(name = "asu.broker.max-delivery-attempts") int maxAttempts) {
        this.recipe = recipe;
        this.queue = queue;
        this.node = node;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param request the request the message carries (null for one without)
     * @param attempt this delivery's number, from 1
     */
    public void deliver(String requestHash, String request, int attempt) {
        try {
            recipe.build(requestHash);
        } catch (RuntimeException e) {
            if (attempt < maxAttempts) {
                LOG.warning(() -> "build " + requestHash + " attempt " + attempt + " of " + maxAttempts + " failed: " + e);
                throw e;
            }
            queue.park(requestHash, request, String.valueOf(e), attempt, node.name());
            LOG.warning(() -> "build " + requestHash + " parked in the dead-letter queue after " + attempt
                    + " attempts: " + e);
        }
    }
}

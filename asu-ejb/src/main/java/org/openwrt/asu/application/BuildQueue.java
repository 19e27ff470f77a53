package org.openwrt.asu.application;

import jakarta.json.JsonObject;

/** Hands accepted builds to the builders. Delivery is persistent: a queued build survives a restart. */
public interface BuildQueue {

    /**
     * Queues the build of a request whose state is already stored. The message carries the
     * request too, so a parked message still says what it was.
     *
     * @throws BuildQueueUnavailableException when the broker does not take the message
     */
    void send(String requestHash, JsonObject request);

    /**
     * Parks a build whose every delivery failed in the dead-letter queue, with the reason of the
     * last failure, where the operators see it and can requeue or drop it.
     *
     * @param request  the request as the failed message carried it, or null
     * @throws BuildQueueUnavailableException when the broker does not take the message
     */
    void park(String requestHash, String request, String failure, int attempts, String node);
}

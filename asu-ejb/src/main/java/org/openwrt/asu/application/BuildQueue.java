package org.openwrt.asu.application;

/** Hands accepted builds to the builders. Delivery is persistent: a queued build survives a restart. */
public interface BuildQueue {

    /**
     * Queues the build of a request whose state is already stored.
     *
     * @throws BuildQueueUnavailableException when the broker does not take the message
     */
    void send(String requestHash);
}

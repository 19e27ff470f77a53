package org.openwrt.asu.application;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The build queue and its dead-letter queue as the broker sees them, for the operators: counters,
 * the messages parked after their last failed delivery, and putting one back or dropping it.
 * Every method throws {@link BuildQueueUnavailableException} when the broker does not answer.
 */
public interface BrokerQueues {

    /**
     * One queue's counters.
     *
     * @param messages          messages in the queue: waiting, scheduled for redelivery and being delivered
     * @param delivering        of which a consumer holds now (running builds)
     * @param scheduled         of which wait for a redelivery delay to pass
     * @param consumers         consumers attached: the builder sessions of every node, and one idle session of each web-only node
     * @param added             messages added since the broker started
     * @param acknowledged      messages acknowledged since the broker started
     * @param oldestMessageAge  age of the oldest message, empty when the queue is empty
     */
    record QueueState(String name, long messages, long delivering, long scheduled, long consumers, long added,
                      long acknowledged, Optional<Duration> oldestMessageAge) {

        /** Messages no builder holds yet. */
        public long waiting() {
            return Math.max(0, messages - delivering);
        }
    }

    /**
     * A build message parked in the dead-letter queue.
     *
     * @param messageId   the broker's id, for {@link #requeue} and {@link #drop}
     * @param request     the build request as queued, when the message carries it
     * @param failure     why the last delivery failed, when a builder recorded it
     * @param failedAt    when it was parked (else when it was sent)
     * @param attempts    deliveries tried, when known
     * @param node        the node whose builder gave up, when known
     */
    record DeadLetter(long messageId, String requestHash, Optional<JsonObject> request, Optional<String> failure,
                      Instant failedAt, Optional<Integer> attempts, Optional<String> node) {
    }

    QueueState buildQueue();

    QueueState deadLetterQueue();

    /** Messages waiting in the build queue for a builder (for the metrics). */
    long waitingBuilds();

    /** Messages in the dead-letter queue (for the metrics). */
    long deadLetterCount();

    /** The parked messages, oldest first, at most {@code limit}. */
    List<DeadLetter> deadLetters(int limit);

    Optional<DeadLetter> deadLetter(long messageId);

    /** Moves a parked message back to the build queue; false when there is no such message. */
    boolean requeue(long messageId);

    /** Deletes a parked message; false when there is no such message. */
    boolean drop(long messageId);
}

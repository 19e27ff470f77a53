package org.openwrt.asu.infrastructure.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openwrt.asu.application.BrokerQueues;

/** {@link BrokerQueues} read through Artemis' management API ({@link BrokerManagement}). */
@ApplicationScoped
public class ArtemisBrokerQueues implements BrokerQueues {

    private static final String MESSAGES = "messageCount";
    private static final String DELIVERING = "deliveringCount";
    private static final String OLDEST_AGE = "firstMessageAge";
    private static final List<String> COUNTERS = List.of(MESSAGES, DELIVERING, "scheduledCount", "consumerCount",
            "messagesAdded", "messagesAcknowledged", OLDEST_AGE);

    private BrokerManagement management;

    protected ArtemisBrokerQueues() {
    }

    @Inject
    public ArtemisBrokerQueues(BrokerManagement management) {
        this.management = management;
    }

    @Override
    public QueueState buildQueue() {
        return state(BuildQueueNames.BUILDS);
    }

    @Override
    public QueueState deadLetterQueue() {
        return state(BuildQueueNames.DEAD_BUILDS);
    }

    @Override
    public long waitingBuilds() {
        Map<String, JsonValue> counters = management.queueAttributes(BuildQueueNames.BUILDS, List.of(MESSAGES, DELIVERING));
        return Math.max(0, number(counters, MESSAGES) - number(counters, DELIVERING));
    }

    @Override
    public long deadLetterCount() {
        return number(management.queueAttributes(BuildQueueNames.DEAD_BUILDS, List.of(MESSAGES)), MESSAGES);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        JsonValue listed = management.queueOperation(BuildQueueNames.DEAD_BUILDS, "listMessagesAsJSON", "");
        try (var reader = Json.createReader(new StringReader(((JsonString) listed).getString()))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject)
                    .map(ArtemisBrokerQueues::deadLetter).limit(limit).toList();
        }
    }

    @Override
    public Optional<DeadLetter> deadLetter(long messageId) {
        return deadLetters(Integer.MAX_VALUE).stream().filter(letter -> letter.messageId() == messageId).findFirst();
    }

    @Override
    public boolean requeue(long messageId) {
        return JsonValue.TRUE.equals(management.queueOperation(BuildQueueNames.DEAD_BUILDS, "moveMessage", messageId,
                BuildQueueNames.BUILDS));
    }

    @Override
    public boolean drop(long messageId) {
        return JsonValue.TRUE.equals(management.queueOperation(BuildQueueNames.DEAD_BUILDS, "removeMessage", messageId));
    }

    private QueueState state(String queue) {
        Map<String, JsonValue> counters = management.queueAttributes(queue, COUNTERS);
        return new QueueState(queue,
                number(counters, MESSAGES),
                number(counters, DELIVERING),
                number(counters, "scheduledCount"),
                number(counters, "consumerCount"),
                number(counters, "messagesAdded"),
                number(counters, "messagesAcknowledged"),
                counters.get(OLDEST_AGE) instanceof JsonNumber millis
                        ? Optional.of(Duration.ofMillis(millis.longValue())) : Optional.empty());
    }

    private static long number(Map<String, JsonValue> counters, String attribute) {
        return counters.get(attribute) instanceof JsonNumber number ? number.longValue() : 0;
    }

    /** One listed message as Artemis' {@code listMessagesAsJSON} describes it: headers and properties in one map. */
    private static DeadLetter deadLetter(JsonObject message) {
        Optional<String> failedAt = text(message, BuildQueueNames.FAILED_AT);
        return new DeadLetter(message.getJsonNumber("messageID").longValue(),
                text(message, BuildQueueNames.HASH).orElse(""),
                text(message, BuildQueueNames.REQUEST).map(ArtemisBrokerQueues::parse),
                text(message, BuildQueueNames.FAILURE),
                failedAt.map(Instant::parse).orElseGet(() -> Instant.ofEpochMilli(message.getJsonNumber("timestamp").longValue())),
                text(message, BuildQueueNames.ATTEMPTS).map(Integer::valueOf),
                text(message, BuildQueueNames.NODE));
    }

    private static Optional<String> text(JsonObject message, String property) {
        JsonValue value = message.get(property);
        return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}

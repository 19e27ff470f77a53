package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.BrokerQueues.DeadLetter;
import org.openwrt.asu.application.BrokerQueues.QueueState;
import org.openwrt.asu.application.ImageBuilderInventory.CachedImageBuilder;
import org.openwrt.asu.application.ImageBuilderInventory.Purge;
import org.openwrt.asu.domain.NodeHeartbeat;
import org.openwrt.asu.domain.RunningBuild;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.NodeHeartbeats;

/**
 * What the operators' console shows and does: the build queue and the dead-letter queue as the
 * broker counts them, the builds running on every node, the janitor's last sync, this node's
 * ImageBuilder cache; requeueing or dropping a parked build, purging ImageBuilders. Each part of
 * the overview is read on its own, so a broker or Redis that does not answer shows as that
 * part's {@code error} and the rest still shows.
 */
@ApplicationScoped
public class AdminConsole {

    static final String DROPPED = "Error: the build was dropped by the server's operators";
    private static final Logger LOG = Logger.getLogger(AdminConsole.class.getName());
    private static final int MAX_LISTED_DEAD_LETTERS = 500;

    private BrokerQueues queues;
    private BuildStore builds;
    private MetadataStore metadata;
    private ImageBuilderInventory imageBuilders;
    private ServerNode node;
    private NodeHeartbeats heartbeats;
    private Duration failureTtl;

    protected AdminConsole() {
    }

    @Inject
    public AdminConsole(BrokerQueues queues,
                        BuildStore builds,
                        MetadataStore metadata,
                        ImageBuilderInventory imageBuilders,
                        ServerNode node,
                        NodeHeartbeats heartbeats,
                        @ConfigProperty(name = "asu.build.failure-ttl") Duration failureTtl) {
        this.queues = queues;
        this.builds = builds;
        this.metadata = metadata;
        this.imageBuilders = imageBuilders;
        this.node = node;
        this.heartbeats = heartbeats;
        this.failureTtl = failureTtl;
    }

    public JsonObject overview() {
        Instant now = Instant.now();
        return Json.createObjectBuilder()
                .add("node", node.name())
                .add("generated_at", now.toString())
                .add("build_queue", part(() -> queue(queues.buildQueue())))
                .add("dead_letter_queue", part(() -> queue(queues.deadLetterQueue())))
                .add("running_builds", part(() -> running(builds.running(), now)))
                .add("janitor", part(this::janitor))
                .build();
    }

    /** The parked builds, oldest first, each with its request, its failure and its state in Redis. */
    public JsonObject deadLetters() {
        List<DeadLetter> letters = queues.deadLetters(MAX_LISTED_DEAD_LETTERS);
        JsonArrayBuilder listed = Json.createArrayBuilder();
        letters.forEach(letter -> listed.add(deadLetter(letter)));
        return Json.createObjectBuilder().add("dead_letters", listed).build();
    }

    /**
     * Puts a parked build back on the build queue. A build Redis no longer knows (it expired or
     * Redis lost it) is stored again from the request the message carries, so it is built.
     *
     * @return what was requeued, or empty when there is no such message
     */
    public Optional<JsonObject> requeue(long messageId) {
        Optional<DeadLetter> letter = queues.deadLetter(messageId);
        if (letter.isEmpty()) {
            return Optional.empty();
        }
        String hash = letter.get().requestHash();
        if (!hash.isEmpty() && builds.find(hash).isEmpty() && letter.get().request().isPresent()) {
            builds.enqueue(hash, letter.get().request().get(), Instant.now());
        }
        if (!queues.requeue(messageId)) {
            return Optional.empty();
        }
        LOG.info(() -> "dead letter " + messageId + " (build " + hash + ") requeued by an operator");
        return Optional.of(Json.createObjectBuilder().add("message_id", messageId).add("request_hash", hash)
                .add("requeued", true).build());
    }

    /**
     * Deletes a parked build; its build, if still waiting, ends as failed so that clients polling
     * it stop waiting.
     *
     * @return what was dropped, or empty when there is no such message
     */
    public Optional<JsonObject> drop(long messageId) {
        Optional<DeadLetter> letter = queues.deadLetter(messageId);
        if (letter.isEmpty() || !queues.drop(messageId)) {
            return Optional.empty();
        }
        String hash = letter.get().requestHash();
        JsonObjectBuilder details = Json.createObjectBuilder().add("detail", DROPPED);
        letter.get().request().ifPresent(request -> details.add("request", request));
        boolean abandoned = !hash.isEmpty() && builds.abandon(hash, details.build(), failureTtl);
        LOG.info(() -> "dead letter " + messageId + " (build " + hash + ") dropped by an operator");
        return Optional.of(Json.createObjectBuilder().add("message_id", messageId).add("request_hash", hash)
                .add("dropped", true).add("build_failed", abandoned).build());
    }

    public JsonObject imageBuilders() {
        return ConsoleJson.imageBuilderCache(imageBuilders.list()).add("node", node.name()).build();
    }

    /**
     * Every node whose heartbeat has not expired, by name, with what it last reported; one that
     * missed its heartbeats is {@code stale} (it stopped, or cannot reach Redis) until it expires.
     */
    public JsonObject nodes() {
        Instant now = Instant.now();
        JsonArrayBuilder listed = Json.createArrayBuilder();
        for (NodeHeartbeat heartbeat : heartbeats.all()) {
            listed.add(Json.createObjectBuilder()
                    .add("node", heartbeat.node())
                    .add("state", heartbeat.stale(now) ? "stale" : "alive")
                    .add("heard_at", heartbeat.heardAt().toString())
                    .add("seconds_since_heartbeat", Math.max(0, Duration.between(heartbeat.heardAt(), now).toMillis()) / 1000.0)
                    .add("heartbeat_interval_seconds", heartbeat.interval().toMillis() / 1000.0)
                    .addAll(Json.createObjectBuilder(heartbeat.report())));
        }
        return Json.createObjectBuilder().add("node", node.name()).add("generated_at", now.toString())
                .add("nodes", listed).build();
    }

    public JsonObject purgeImageBuilders() {
        return purge(imageBuilders.purgeAll());
    }

    /** Purges one ImageBuilder; empty when this node has none of that version and target. */
    public Optional<JsonObject> purgeImageBuilder(String version, String target) {
        return imageBuilders.purge(version, target).map(this::purge);
    }

    private JsonObject purge(Purge purge) {
        LOG.info(() -> "ImageBuilders purged by an operator: " + purge.purged().size() + ", in use: " + purge.busy().size());
        return Json.createObjectBuilder()
                .add("node", node.name())
                .add("purged", ConsoleJson.imageBuilders(purge.purged()))
                .add("busy", ConsoleJson.imageBuilders(purge.busy()))
                .add("freed_bytes", purge.purged().stream().mapToLong(CachedImageBuilder::sizeBytes).sum())
                .build();
    }

    private static JsonObject queue(QueueState queue) {
        return Json.createObjectBuilder()
                .add("name", queue.name())
                .add("messages", queue.messages())
                .add("waiting", queue.waiting())
                .add("delivering", queue.delivering())
                .add("scheduled", queue.scheduled())
                .add("consumers", queue.consumers())
                .add("messages_added", queue.added())
                .add("messages_acknowledged", queue.acknowledged())
                .add("oldest_message_age_seconds", queue.oldestMessageAge()
                        .map(age -> (JsonValue) Json.createValue(age.toMillis() / 1000.0)).orElse(JsonValue.NULL))
                .build();
    }

    private static JsonObject running(List<RunningBuild> running, Instant now) {
        JsonArrayBuilder listed = Json.createArrayBuilder();
        running.forEach(build -> listed.add(ConsoleJson.runningBuild(build)
                .add("elapsed_seconds", Math.max(0, Duration.between(build.startedAt(), now).toSeconds()))
                .add("node", build.node())));
        return Json.createObjectBuilder().add("builds", listed).build();
    }

    private JsonObject janitor() {
        Map<String, String> status = metadata.syncStatus();
        JsonObjectBuilder janitor = Json.createObjectBuilder().add("running", metadata.syncRunning());
        for (String field : List.of("last_attempt", "last_success")) {
            janitor.add(field, status.containsKey(field) ? Json.createValue(status.get(field)) : JsonValue.NULL);
        }
        for (String field : List.of("duration_ms", "requests", "not_modified", "changed")) {
            janitor.add(field, status.containsKey(field) ? Json.createValue(Long.parseLong(status.get(field))) : JsonValue.NULL);
        }
        return janitor.add("errors", parseArray(status.getOrDefault("errors", "[]"))).build();
    }

    private JsonObject deadLetter(DeadLetter letter) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("message_id", letter.messageId())
                .add("request_hash", letter.requestHash())
                .add("request", letter.request().map(JsonValue.class::cast).orElse(JsonValue.NULL))
                .add("failure", letter.failure().map(text -> (JsonValue) Json.createValue(text))
                        .orElse(Json.createValue("not recorded: the broker parked it after its own delivery attempts")))
                .add("failed_at", letter.failedAt().toString())
                .add("attempts", letter.attempts().map(count -> (JsonValue) Json.createValue(count)).orElse(JsonValue.NULL))
                .add("node", letter.node().map(name -> (JsonValue) Json.createValue(name)).orElse(JsonValue.NULL))
                .add("build_status", buildStatus(letter.requestHash()));
        return json.build();
    }

    /** queued, started, done, failed; unknown when Redis does not have it (any more). */
    private String buildStatus(String requestHash) {
        if (requestHash.isEmpty()) {
            return "unknown";
        }
        try {
            return builds.find(requestHash).map(build -> build.status().wireName()).orElse("unknown");
        } catch (RuntimeException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /** One part of the console; when its source fails, the reason in its place. */
    private static JsonObject part(Supplier<JsonObject> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "admin console part failed", e);
            return Json.createObjectBuilder().add("error", String.valueOf(e.getMessage())).build();
        }
    }

    private static JsonArray parseArray(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }
}

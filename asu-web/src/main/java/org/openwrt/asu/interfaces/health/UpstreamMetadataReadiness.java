package org.openwrt.asu.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Ready while the janitor's copy of the upstream metadata is fresh: its last successful sync
 * (from the status every node shares in Redis) is younger than {@code asu.janitor.max-staleness}.
 * Before any sync succeeded the age counts from this server's start, so a node that just came
 * up is given the same time. The data shows the age, the last success and attempt, and the
 * errors of the last pass.
 */
@Readiness
@ApplicationScoped
public class UpstreamMetadataReadiness implements HealthCheck {

    static final String NAME = "upstream-metadata";

    private MetadataStore metadata;
    private Duration maxStaleness;

    protected UpstreamMetadataReadiness() {
    }

    @Inject
    public UpstreamMetadataReadiness(MetadataStore metadata,
                                     @ConfigProperty(name = "asu.janitor.max-staleness") Duration maxStaleness) {
        this.metadata = metadata;
        this.maxStaleness = maxStaleness;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> status;
        try {
            status = metadata.syncStatus();
        } catch (JedisException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
        Instant since = lastSuccess(status);
        Duration age = Duration.between(since, Instant.now());
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(age.compareTo(maxStaleness) < 0)
                .withData("age_seconds", age.toSeconds())
                .withData("max_staleness_seconds", maxStaleness.toSeconds())
                .withData("last_success", status.getOrDefault("last_success", "never"))
                .withData("last_attempt", status.getOrDefault("last_attempt", "never"));
        if (status.containsKey("errors")) {
            response.withData("errors", status.get("errors"));
        }
        return response.build();
    }

    private static Instant lastSuccess(Map<String, String> status) {
        String recorded = status.get("last_success");
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException unreadable) {
                return Instant.EPOCH;
            }
        }
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}

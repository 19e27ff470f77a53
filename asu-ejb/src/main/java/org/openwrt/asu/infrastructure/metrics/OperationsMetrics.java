package org.openwrt.asu.infrastructure.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openwrt.asu.infrastructure.messaging.BuildQueueNames;
import org.openwrt.asu.application.BrokerQueues;
import org.openwrt.asu.infrastructure.redis.MetadataStore;

/**
 * Registers the operators' metrics once per application: the build counters and timers at zero
 * (see {@link RegistryBuildMeter}) and the gauges read when scraped: the depth of the build
 * queue and of the dead-letter queue from the broker, the last janitor pass's duration and the
 * age of the upstream metadata from the janitor's status in Redis (shared by every node). A
 * gauge whose source does not answer reads NaN.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperationsMetrics {

    static final String QUEUE_DEPTH = "asu.build.queue.depth";
    static final String DEAD_LETTER_DEPTH = "asu.dead.letter.queue.depth";
    static final String SYNC_DURATION = "asu.janitor.sync.duration";
    static final String STALENESS = "asu.metadata.staleness";

    private static final Logger LOG = Logger.getLogger(OperationsMetrics.class.getName());

    private Meters meters;
    private RegistryBuildMeter buildMeter;
    private BrokerQueues queues;
    private MetadataStore metadata;

    public OperationsMetrics() {
    }

    @Inject
    public OperationsMetrics(Meters meters,
                             RegistryBuildMeter buildMeter,
                             BrokerQueues queues,
                             MetadataStore metadata) {
        this.meters = meters;
        this.buildMeter = buildMeter;
        this.queues = queues;
        this.metadata = metadata;
    }

    @PostConstruct
    void register() {
        buildMeter.registerAll();
        gauge(QUEUE_DEPTH, "Build messages waiting in " + BuildQueueNames.BUILDS + " (running builds not counted)",
                Meters.Unit.NONE, queues::waitingBuilds);
        gauge(DEAD_LETTER_DEPTH, "Build messages parked in " + BuildQueueNames.DEAD_BUILDS + " after their last delivery attempt",
                Meters.Unit.NONE, queues::deadLetterCount);
        gauge(SYNC_DURATION, "Duration of the janitor's last metadata sync (any node)", Meters.Unit.SECONDS,
                () -> Double.parseDouble(metadata.syncStatus().getOrDefault("duration_ms", "NaN")) / 1000.0);
        gauge(STALENESS, "Age of the upstream metadata copy: time since the last successful sync "
                        + "(since this server started before the first)", Meters.Unit.SECONDS,
                () -> staleness(metadata.syncStatus()).toMillis() / 1000.0);
    }

    private void gauge(String name, String description, Meters.Unit unit, DoubleSupplier read) {
        meters.gauge(name, description, unit, () -> {
            try {
                return read.getAsDouble();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "gauge " + name + " unreadable", e);
                return Double.NaN;
            }
        });
    }

    private static Duration staleness(Map<String, String> status) {
        Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        String lastSuccess = status.get("last_success");
        if (lastSuccess != null) {
            try {
                since = Instant.parse(lastSuccess);
            } catch (DateTimeParseException unreadable) {
                since = Instant.EPOCH;
            }
        }
        return Duration.between(since, Instant.now());
    }
}

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
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
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

    private MetricRegistry registry;
    private RegistryBuildMeter buildMeter;
    private BrokerQueues queues;
    private MetadataStore metadata;

    public OperationsMetrics() {
    }

    @Inject
    public OperationsMetrics(MetricRegistry registry,
                             RegistryBuildMeter buildMeter,
                             BrokerQueues queues,
                             MetadataStore metadata) {
        this.registry = registry;
        this.buildMeter = buildMeter;
        this.queues = queues;
        this.metadata = metadata;
    }

    @PostConstruct
    void register() {
        buildMeter.registerAll();
        gauge(Metadata.builder().withName(QUEUE_DEPTH)
                .withDescription("Build messages waiting in " + BuildQueueNames.BUILDS + " (running builds not counted)").build(),
                queues::waitingBuilds);
        gauge(Metadata.builder().withName(DEAD_LETTER_DEPTH)
                .withDescription("Build messages parked in " + BuildQueueNames.DEAD_BUILDS + " after their last delivery attempt").build(),
                queues::deadLetterCount);
        gauge(Metadata.builder().withName(SYNC_DURATION).withUnit(MetricUnits.SECONDS)
                .withDescription("Duration of the janitor's last metadata sync (any node)").build(),
                () -> Double.parseDouble(metadata.syncStatus().getOrDefault("duration_ms", "NaN")) / 1000.0);
        gauge(Metadata.builder().withName(STALENESS).withUnit(MetricUnits.SECONDS)
                .withDescription("Age of the upstream metadata copy: time since the last successful sync "
                        + "(since this server started before the first)").build(),
                () -> staleness(metadata.syncStatus()).toMillis() / 1000.0);
    }

    private void gauge(Metadata metadata, DoubleSupplier read) {
        registry.gauge(metadata, () -> {
            try {
                return read.getAsDouble();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "gauge " + metadata.getName() + " unreadable", e);
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

package org.openwrt.asu.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * {@link Meters} in the server's Micrometer registry: WildFly's micrometer subsystem makes it a
 * CDI bean and exports it (Prometheus text on the management interface, or OTLP). Without one
 * the meters still count, in a registry of their own that nobody reads, and the log says so.
 */
@ApplicationScoped
public class MicrometerMeters implements Meters {

    private static final Logger LOG = Logger.getLogger(MicrometerMeters.class.getName());

    private MeterRegistry registry;

    protected MicrometerMeters() {
    }

    @Inject
    public MicrometerMeters(Instance<MeterRegistry> serverRegistry) {
        if (serverRegistry.isResolvable()) {
            registry = serverRegistry.get();
        } else {
            LOG.warning("the server offers neither MicroProfile Metrics nor a Micrometer registry: the metrics are not exported");
            registry = new SimpleMeterRegistry();
        }
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        return io.micrometer.core.instrument.Counter.builder(name).description(description).tags(tags(tags))
                .register(registry)::increment;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        return io.micrometer.core.instrument.Timer.builder(name).description(description).tags(tags(tags))
                .register(registry)::record;
    }

    @Override
    public void gauge(String name, String description, Unit unit, DoubleSupplier read) {
        Gauge.builder(name, read::getAsDouble).description(description)
                .baseUnit(unit == Unit.SECONDS ? "seconds" : null).strongReference(true).register(registry);
    }

    private static Tags tags(Map<String, String> tags) {
        return Tags.of(tags.entrySet().stream()
                .map(tag -> io.micrometer.core.instrument.Tag.of(tag.getKey(), tag.getValue())).toList());
    }
}

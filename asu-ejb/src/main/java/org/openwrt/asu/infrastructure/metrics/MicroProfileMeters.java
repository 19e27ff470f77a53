package org.openwrt.asu.infrastructure.metrics;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link Meters} in the application's MicroProfile Metrics registry (mp_scope="application",
 * Prometheus text at the server's {@code /metrics}). Preferred over {@link MicrometerMeters}
 * where both are beans; on a server without the MicroProfile Metrics API (WildFly) the class does
 * not load and CDI leaves it out.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class MicroProfileMeters implements Meters {

    private MetricRegistry registry;

    protected MicroProfileMeters() {
    }

    @Inject
    public MicroProfileMeters(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Counter counter(String name, String description, Map<String, String> tags) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build(), tags(tags))::inc;
    }

    @Override
    public Timer timer(String name, String description, Map<String, String> tags) {
        return registry.timer(Metadata.builder().withName(name).withUnit(MetricUnits.SECONDS)
                .withDescription(description).build(), tags(tags))::update;
    }

    @Override
    public void gauge(String name, String description, Unit unit, DoubleSupplier read) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description)
                .withUnit(unit == Unit.SECONDS ? MetricUnits.SECONDS : MetricUnits.NONE).build();
        registry.gauge(metadata, read::getAsDouble);
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toArray(Tag[]::new);
    }
}

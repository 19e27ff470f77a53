package org.openwrt.asu.infrastructure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The metrics API of the server the application runs on, reduced to what the operators' metrics
 * need: MicroProfile Metrics where the server has it (Payara, {@link MicroProfileMeters}), else
 * Micrometer (WildFly's micrometer subsystem, {@link MicrometerMeters}). Names are dotted
 * ({@code asu.build.duration}); both registries export them as the same Prometheus names.
 */
public interface Meters {

    /** A counter of the given name and tags (created at zero on first use). */
    Counter counter(String name, String description, Map<String, String> tags);

    /** A timer of the given name and tags, in seconds. */
    Timer timer(String name, String description, Map<String, String> tags);

    /** A gauge read when scraped; {@code unit} is {@link Unit#SECONDS} or {@link Unit#NONE}. */
    void gauge(String name, String description, Unit unit, DoubleSupplier read);

    enum Unit { NONE, SECONDS }

    @FunctionalInterface
    interface Counter {
        void increment();
    }

    @FunctionalInterface
    interface Timer {
        void record(Duration took);
    }
}

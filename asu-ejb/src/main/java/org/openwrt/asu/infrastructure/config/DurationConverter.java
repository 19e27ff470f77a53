package org.openwrt.asu.infrastructure.config;

import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;
import org.openwrt.asu.domain.Durations;

/**
 * Lets every {@code Duration} setting be injected as a {@link Duration}, written the way
 * operators know it from the original server ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}).
 * Registered in {@code META-INF/services}; its priority is above the implicit ISO-8601 one.
 */
@Priority(200)
public class DurationConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}

package org.openwrt.asu.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** Duration settings in the operators' notation, and the converter found where MicroProfile Config looks. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void secondsMinutesHoursAndDaysAsTheOriginalServerWritesThem() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofSeconds(300), converter.convert("300"));
        assertEquals(Duration.ofMinutes(30), converter.convert("30m"));
        assertEquals(Duration.ofHours(24), converter.convert(" 24h "));
        assertEquals(Duration.ofDays(7), converter.convert("7d"));
        assertThrows(IllegalArgumentException.class, () -> converter.convert("soon"));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void itIsRegisteredAsAService() {
        assertTrue(ServiceLoader.load(Converter.class).stream().anyMatch(provider -> provider.type() == DurationConverter.class));
    }
}

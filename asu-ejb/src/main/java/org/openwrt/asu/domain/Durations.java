package org.openwrt.asu.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the way ASU operators know them from the original server: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd]?)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration (like 90s, 30m, 24h, 7d): " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}

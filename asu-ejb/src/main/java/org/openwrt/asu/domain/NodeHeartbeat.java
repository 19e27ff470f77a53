package org.openwrt.asu.domain;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * What one node last told the others that share Redis: it is alive at {@code heardAt} and
 * tells again every {@code interval}.
 *
 * @param report what it does and holds: roles, builder slots, running builds, ImageBuilder cache
 */
public record NodeHeartbeat(String node, Instant heardAt, Duration interval, JsonObject report) {

    /** One late heartbeat is a busy machine; this many missed in a row, a node that stopped. */
    public static final int MISSED_BEATS_WHEN_STALE = 3;

    /** The node missed {@value #MISSED_BEATS_WHEN_STALE} heartbeats by {@code now}: it stopped or cannot reach Redis. */
    public boolean stale(Instant now) {
        return heardAt.plus(interval.multipliedBy(MISSED_BEATS_WHEN_STALE)).isBefore(now);
    }
}

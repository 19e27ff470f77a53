package org.openwrt.asu.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one metadata sync pass.
 *
 * @param finishedAt  when the pass ended
 * @param duration    how long it took
 * @param requests    upstream requests made
 * @param notModified of which answered 304
 * @param changed     files downloaded with new content and stored
 * @param errors      one line per failed or malformed file; their last good copy was kept
 */
public record SyncReport(Instant finishedAt, Duration duration, int requests, int notModified, int changed,
                         List<String> errors) {

    public SyncReport {
        errors = List.copyOf(errors);
    }
}

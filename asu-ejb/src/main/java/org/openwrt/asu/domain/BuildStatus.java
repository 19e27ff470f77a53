package org.openwrt.asu.domain;

import java.util.Locale;

/** Where a build is: waiting in the queue, being built, or finished one way or the other. */
public enum BuildStatus {
    QUEUED, STARTED, DONE, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BuildStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == DONE || this == FAILED;
    }
}

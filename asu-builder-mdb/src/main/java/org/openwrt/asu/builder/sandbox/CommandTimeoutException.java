package org.openwrt.asu.builder.sandbox;

import java.time.Duration;

/** A command ran longer than the build time limit; it and every process it started were killed. */
public class CommandTimeoutException extends RuntimeException {

    public CommandTimeoutException(Duration limit) {
        super("Build took longer than " + limit.toSeconds() + " seconds and was stopped");
    }
}

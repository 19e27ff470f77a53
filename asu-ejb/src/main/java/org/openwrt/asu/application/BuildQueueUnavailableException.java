package org.openwrt.asu.application;

/** The build queue (the message broker) cannot take requests right now. */
public class BuildQueueUnavailableException extends RuntimeException {

    public BuildQueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

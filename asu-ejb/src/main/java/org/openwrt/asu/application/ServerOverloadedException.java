package org.openwrt.asu.application;

/** More builds are waiting than {@code asu.build.max-pending} allows; the client should retry later. */
public class ServerOverloadedException extends RuntimeException {

    public ServerOverloadedException(long pending) {
        super("server overload, queue contains too many build requests: " + pending);
    }
}

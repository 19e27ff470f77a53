package org.openwrt.asu.testing;

import java.util.concurrent.ThreadFactory;

/** Plain threads in place of the container's managed ones, for beans wired by hand; daemons, so nothing outlives the tests. */
public final class PlainThreads {

    public static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "test-thread");
        thread.setDaemon(true);
        return thread;
    };

    private PlainThreads() {
    }
}

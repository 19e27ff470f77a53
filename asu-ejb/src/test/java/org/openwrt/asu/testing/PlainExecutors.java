package org.openwrt.asu.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Plain executors in place of the container's managed ones, for beans wired by hand; daemon threads, so nothing outlives the tests. */
public final class PlainExecutors {

    public static final ExecutorService TASKS = Executors.newCachedThreadPool(PlainExecutors::daemon);
    public static final ScheduledExecutorService SCHEDULED = Executors.newSingleThreadScheduledExecutor(PlainExecutors::daemon);

    private PlainExecutors() {
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "test-executor");
        thread.setDaemon(true);
        return thread;
    }
}

package org.openwrt.asu.janitor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.Durations;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * Runs a pass once shortly after start-up and then every {@code asu.janitor.interval}. The
 * timer is not persistent: each node schedules its own on start.
 */
@Startup
@Singleton
public class Janitor {

    private static final Logger LOG = Logger.getLogger(Janitor.class.getName());

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "asu.janitor.interval")
    String interval;

    @Inject
    BuildStore builds;

    @PostConstruct
    void schedule() {
        Duration every = Durations.parse(interval);
        timers.createIntervalTimer(Duration.ofSeconds(5).toMillis(), every.toMillis(), new TimerConfig("janitor", false));
        LOG.info(() -> "janitor scheduled every " + every);
    }

    @Timeout
    void pass() {
        long started = System.nanoTime();
        long queued = builds.queueLength();
        LOG.info(() -> String.format("janitor pass done in %d ms: %d builds queued",
                (System.nanoTime() - started) / 1_000_000, queued));
    }
}

package org.openwrt.asu.janitor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.infrastructure.redis.MetadataStore;

/**
 * Runs a pass shortly after start-up ({@code asu.janitor.initial-delay}) and then every
 * {@code asu.janitor.interval}: sync the upstream metadata, then prune the image store. The
 * timer is not persistent: each node schedules its own on start; the sync lock in Redis makes
 * sure only one node syncs at a time.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Janitor {

    private static final Logger LOG = Logger.getLogger(Janitor.class.getName());

    @Resource
    TimerService timers;

    private ManagedExecutorService executor;
    private Duration interval;
    private Duration initialDelay;
    private MetadataSync metadata;
    private StorePruner store;
    private MetadataStore syncs;
    /** A slow pass must not be overlapped by the next timeout. */
    private final AtomicBoolean running = new AtomicBoolean();

    public Janitor() {
    }

    @Inject
    public Janitor(ManagedExecutorService executor,
                   @ConfigProperty(name = "asu.janitor.interval") Duration interval,
                   @ConfigProperty(name = "asu.janitor.initial-delay") Duration initialDelay,
                   MetadataSync metadata,
                   StorePruner store,
                   MetadataStore syncs) {
        this.executor = executor;
        this.interval = interval;
        this.initialDelay = initialDelay;
        this.metadata = metadata;
        this.store = store;
        this.syncs = syncs;
    }

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(initialDelay.toMillis(), interval.toMillis(), new TimerConfig("janitor", false));
        LOG.info(() -> "janitor scheduled every " + interval);
    }

    /**
     * Runs a pass now, off the caller's thread (the operators' "sync now").
     *
     * @return false when a pass runs already, on this node or another (it would be skipped)
     */
    public boolean passNow() {
        if (running.get() || syncs.syncRunning()) {
            return false;
        }
        executor.execute(this::pass);
        return true;
    }

    @Timeout
    void pass() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            metadata.run();
            store.prune();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "janitor pass failed", e);
        } finally {
            running.set(false);
        }
    }
}

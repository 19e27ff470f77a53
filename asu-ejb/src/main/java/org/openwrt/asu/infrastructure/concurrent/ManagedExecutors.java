package org.openwrt.asu.infrastructure.concurrent;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;

/**
 * The container's default executors as CDI beans, so that beans take them by constructor
 * (Jakarta Concurrency 3.0 offers them only to {@code @Resource}). Threads of these run with the
 * application's context and are stopped by the container on undeploy.
 */
@ApplicationScoped
public class ManagedExecutors {

    @Produces
    @Resource
    ManagedExecutorService executor;

    // only as itself: it is a ManagedExecutorService too, which would make that type ambiguous
    @Produces
    @Typed(ManagedScheduledExecutorService.class)
    @Resource
    ManagedScheduledExecutorService scheduledExecutor;
}

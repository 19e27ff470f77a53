package org.openwrt.asu.infrastructure.concurrent;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The container's default executor and thread factory as CDI beans, so that beans take them by
 * constructor (Jakarta Concurrency 3.0 offers them only to {@code @Resource}). Their threads run
 * with the application's context and are stopped by the container on undeploy.
 */
@ApplicationScoped
public class ManagedExecutors {

    @Produces
    @Resource
    ManagedExecutorService executor;

    @Produces
    @Resource
    ManagedThreadFactory threadFactory;
}

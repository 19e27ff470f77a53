package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * Accepting build requests. A request is identified by its hash: a build that exists in any
 * state answers every identical request (that is the cache); only a new hash is validated,
 * stored as queued and handed to the builders. Every request is counted as the original server
 * counts it: as a request, by its client, and as a cache hit (a finished build answers it) or a
 * cache miss (no build yet; counted before validation, so rejected requests are misses too).
 */
@ApplicationScoped
public class BuildService {

    private BuildStore store;
    private BuildQueue queue;
    private RequestValidation validation;
    private BuildStatistics statistics;
    private BuildMeter meter;
    private long maxPending;

    protected BuildService() {
    }

    @Inject
    public BuildService(BuildStore store,
                        BuildQueue queue,
                        RequestValidation validation,
                        BuildStatistics statistics,
                        BuildMeter meter,
                        @ConfigProperty(name = "asu.build.max-pending") long maxPending) {
        this.store = store;
        this.queue = queue;
        this.validation = validation;
        this.statistics = statistics;
        this.meter = meter;
        this.maxPending = maxPending;
    }

    /**
     * Returns the build for this request, queueing it first when it is new.
     *
     * @param client the name and version of the sending program for the statistics ({@link org.openwrt.asu.domain.ClientName})
     * @throws BuildRequestRejectedException   when the request names something the server does not build
     * @throws ServerOverloadedException       when too many builds are waiting already
     * @throws BuildQueueUnavailableException  when the broker does not take the request (nothing is kept)
     */
    public Build submit(BuildRequest request, String client) {
        return submit(request, RequestHash.of(request), client, RequestValidation.Checks.V1);
    }

    /**
     * Same, under a given hash (the 2021 API has its own) and with the checks of that API.
     *
     * @throws UnknownPackagesException with {@link RequestValidation.Checks#LEGACY}
     */
    public Build submit(BuildRequest request, String hash, String client, RequestValidation.Checks checks) {
        statistics.record(BuildStatistics.Event.REQUESTS);
        statistics.client(client);
        Optional<Build> existing = store.find(hash);
        if (existing.isPresent()) {
            // a hit is a build that succeeded; a queued, started or failed one counts as neither
            if (existing.get().status() == BuildStatus.DONE) {
                statistics.record(BuildStatistics.Event.CACHE_HITS);
                meter.cacheLookup(true);
            }
            return existing.get();
        }
        statistics.record(BuildStatistics.Event.CACHE_MISSES);
        meter.cacheLookup(false);
        // the hash stays the one of the request as sent; the builders get the validated one
        BuildRequest validated = validation.check(request, checks);
        long pending = store.queueLength();
        if (pending > maxPending) {
            throw new ServerOverloadedException(pending);
        }
        Optional<Build> queued = store.enqueue(hash, validated.toJson(), Instant.now());
        if (queued.isEmpty()) {
            // an identical request on another node was quicker: answer with its build
            return store.find(hash).orElseThrow(() -> new IllegalStateException("build " + hash + " vanished after queueing"));
        }
        try {
            queue.send(hash, validated.toJson());
        } catch (BuildQueueUnavailableException e) {
            store.forget(hash);
            throw e;
        }
        return queued.get();
    }

    /**
     * Counts a request that this node answered from a successful build's rendered answer
     * ({@link FinishedBuildAnswers}) without reading the build: as {@link #submit} counts a hit,
     * in one Redis round trip.
     */
    public void answeredFromCache(String client) {
        statistics.cacheHit(client);
        meter.cacheLookup(true);
    }

    public Optional<Build> find(String requestHash) {
        return store.find(requestHash);
    }

    public long queueLength() {
        return store.queueLength();
    }
}

package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.BuildLimits;
import org.openwrt.asu.domain.BuildProgress;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.infrastructure.redis.BuildErrorLog;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * The builders' side of a build, the counterpart of {@link BuildService}: a builder starts it
 * on this node, reports each stage as it begins, and ends it done or failed. A result is kept
 * for {@code asu.build.ttl} when it is versioned ({@code packages_versions}), for
 * {@code asu.build.ttl-defaults} with a first-boot script, else for
 * {@code asu.build.ttl-unversioned}; a failure for {@code asu.build.failure-ttl}. The outcome
 * is counted (successes, failures, per device and per package) and every failure goes to the
 * public build error log.
 */
@ApplicationScoped
public class BuildCompletion {

    private static final Logger LOG = Logger.getLogger(BuildCompletion.class.getName());
    /** Re-reading a stored request: it passed the configured limits when it was accepted. */
    private static final BuildRequestReader STORED_REQUEST =
            new BuildRequestReader(new BuildLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));

    private BuildStore store;
    private BuildStatistics statistics;
    private BuildErrorLog errorLog;
    private BuildMeter meter;
    private ServerNode node;
    private Duration versionedTtl;
    private Duration unversionedTtl;
    private Duration defaultsTtl;
    private Duration failureTtl;

    protected BuildCompletion() {
    }

    @Inject
    public BuildCompletion(BuildStore store, BuildStatistics statistics, BuildErrorLog errorLog, BuildMeter meter, ServerNode node,
                           @ConfigProperty(name = "asu.build.ttl") Duration versionedTtl,
                           @ConfigProperty(name = "asu.build.ttl-unversioned") Duration unversionedTtl,
                           @ConfigProperty(name = "asu.build.ttl-defaults") Duration defaultsTtl,
                           @ConfigProperty(name = "asu.build.failure-ttl") Duration failureTtl) {
        this.store = store;
        this.statistics = statistics;
        this.errorLog = errorLog;
        this.meter = meter;
        this.node = node;
        this.versionedTtl = versionedTtl;
        this.unversionedTtl = unversionedTtl;
        this.defaultsTtl = defaultsTtl;
        this.failureTtl = failureTtl;
    }

    /** @return the build taken off the queue by this node, or empty when it is finished or expired (a redelivered message) */
    public Optional<BuildProgress> start(String requestHash) {
        Optional<BuildProgress> started = store.start(requestHash, node.name())
                .map(request -> new BuildProgress(requestHash, STORED_REQUEST.read(request)));
        started.ifPresent(build -> stage(build, "init"));
        return started;
    }

    /** The build's {@code imagebuilder_status} as a stage begins; clients polling it see it with the progress so far. */
    public void stage(BuildProgress build, String imagebuilderStatus) {
        build.enter(imagebuilderStatus).ifPresent(ended -> meter.stageFinished(ended.name(), ended.took()));
        store.stage(build.requestHash(), imagebuilderStatus, build.details());
    }

    /** The packages asked for beyond the device's defaults, for the top-packages statistics of the branch. */
    public void requestedPackages(String branch, List<String> packages) {
        statistics.requestedPackages(branch, packages);
    }

    /** @param result the 200 answer, with the built profile's {@code id} */
    public void done(BuildProgress build, JsonObject result) {
        BuildRequest request = build.request();
        store.finish(build.requestHash(), BuildStatus.DONE, result, resultTtl(request));
        finished(build, BuildStatus.DONE);
        statistics.record(BuildStatistics.Event.SUCCESSES);
        statistics.built(request.version(), request.target(), result.getString("id"), build.elapsed());
        LOG.info(() -> "build " + build.requestHash() + " done in " + build.elapsed().toSeconds() + " s");
    }

    /**
     * Records the failure with its reason ({@code Error: <reason>}), or just {@code failed} when
     * the reason is internal and stays in the server log; the reason also goes to the public
     * build error log.
     *
     * @param reason what the client may read, or null
     */
    public void failed(BuildProgress build, String reason) {
        String detail = reason == null ? "failed" : "Error: " + reason;
        build.detail(detail);
        store.finish(build.requestHash(), BuildStatus.FAILED, build.details(), failureTtl);
        finished(build, BuildStatus.FAILED);
        statistics.record(BuildStatistics.Event.FAILURES);
        BuildRequest request = build.request();
        errorLog.record(request.version(), request.target(), request.profile(), reason == null ? "failed" : reason);
        LOG.info(() -> "build " + build.requestHash() + " failed: " + detail);
    }

    private void finished(BuildProgress build, BuildStatus outcome) {
        build.endStage().ifPresent(ended -> meter.stageFinished(ended.name(), ended.took()));
        meter.buildFinished(outcome, build.elapsed());
    }

    /** A defaults script is personal, a versioned request is reproducible: keep them for different times. */
    private Duration resultTtl(BuildRequest request) {
        if (request.hasDefaults()) {
            return defaultsTtl;
        }
        return request.packagesVersions().isEmpty() ? unversionedTtl : versionedTtl;
    }
}

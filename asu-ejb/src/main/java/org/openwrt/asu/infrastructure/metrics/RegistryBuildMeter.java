package org.openwrt.asu.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.domain.BuildStatus;

/** {@link BuildMeter} as counters and timers in the application's MicroProfile Metrics registry. */
@ApplicationScoped
public class RegistryBuildMeter implements BuildMeter {

    static final String BUILDS = "asu.builds";
    static final String BUILD_DURATION = "asu.build.duration";
    static final String STAGE_DURATION = "asu.build.stage.duration";
    static final String CACHE_HITS = "asu.cache.hits";
    static final String CACHE_MISSES = "asu.cache.misses";
    static final String IMAGEBUILDER_DOWNLOADS = "asu.imagebuilder.downloads";

    private MetricRegistry registry;

    protected RegistryBuildMeter() {
    }

    @Inject
    public RegistryBuildMeter(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The stages a build reports, in order (asu-server.md §3); each gets its own series. */
    static final List<String> STAGES = List.of("init", "container_setup", "validate_revision", "validate_manifest", "building_image");
    private static final List<BuildStatus> OUTCOMES = List.of(BuildStatus.DONE, BuildStatus.FAILED);

    /** Creates every series at zero, so a scrape lists them before the first build. */
    void registerAll() {
        cacheCounter(true);
        cacheCounter(false);
        STAGES.forEach(this::stageTimer);
        OUTCOMES.forEach(outcome -> {
            builds(outcome);
            buildTimer(outcome);
        });
        downloads();
    }

    @Override
    public void cacheLookup(boolean hit) {
        cacheCounter(hit).inc();
    }

    @Override
    public void stageFinished(String stage, Duration took) {
        stageTimer(stage).update(took);
    }

    @Override
    public void buildFinished(BuildStatus outcome, Duration took) {
        builds(outcome).inc();
        buildTimer(outcome).update(took);
    }

    @Override
    public void imageBuilderDownloaded() {
        downloads().inc();
    }

    private Counter cacheCounter(boolean hit) {
        return registry.counter(hit
                ? Metadata.builder().withName(CACHE_HITS).withDescription("Build requests answered by a build that already succeeded").build()
                : Metadata.builder().withName(CACHE_MISSES).withDescription("Build requests for which no build existed yet").build());
    }

    private Timer stageTimer(String stage) {
        return registry.timer(Metadata.builder().withName(STAGE_DURATION).withUnit(MetricUnits.SECONDS)
                .withDescription("Time builds on this node spent in each stage (imagebuilder_status)").build(),
                new Tag("stage", stage));
    }

    private Counter builds(BuildStatus outcome) {
        return registry.counter(Metadata.builder().withName(BUILDS)
                .withDescription("Builds finished on this node, by outcome (done, failed)").build(), outcome(outcome));
    }

    private Timer buildTimer(BuildStatus outcome) {
        return registry.timer(Metadata.builder().withName(BUILD_DURATION).withUnit(MetricUnits.SECONDS)
                .withDescription("Time from a builder taking a build to its result, by outcome").build(), outcome(outcome));
    }

    private Counter downloads() {
        return registry.counter(Metadata.builder().withName(IMAGEBUILDER_DOWNLOADS)
                .withDescription("ImageBuilder archives downloaded from upstream by this node").build());
    }

    private static Tag outcome(BuildStatus outcome) {
        return new Tag("outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
}

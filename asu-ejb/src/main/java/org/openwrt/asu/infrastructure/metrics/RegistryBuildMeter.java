package org.openwrt.asu.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openwrt.asu.application.BuildMeter;
import org.openwrt.asu.domain.BuildStatus;

/** {@link BuildMeter} as counters and timers in the server's metrics registry ({@link Meters}). */
@ApplicationScoped
public class RegistryBuildMeter implements BuildMeter {

    static final String BUILDS = "asu.builds";
    static final String BUILD_DURATION = "asu.build.duration";
    static final String STAGE_DURATION = "asu.build.stage.duration";
    static final String CACHE_HITS = "asu.cache.hits";
    static final String CACHE_MISSES = "asu.cache.misses";
    static final String IMAGEBUILDER_DOWNLOADS = "asu.imagebuilder.downloads";

    private Meters meters;

    protected RegistryBuildMeter() {
    }

    @Inject
    public RegistryBuildMeter(Meters meters) {
        this.meters = meters;
    }

    /** The stages a build reports, in the recipe's order; each gets its own series. */
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
        cacheCounter(hit).increment();
    }

    @Override
    public void stageFinished(String stage, Duration took) {
        stageTimer(stage).record(took);
    }

    @Override
    public void buildFinished(BuildStatus outcome, Duration took) {
        builds(outcome).increment();
        buildTimer(outcome).record(took);
    }

    @Override
    public void imageBuilderDownloaded() {
        downloads().increment();
    }

    private Meters.Counter cacheCounter(boolean hit) {
        return hit
                ? meters.counter(CACHE_HITS, "Build requests answered by a build that already succeeded", Map.of())
                : meters.counter(CACHE_MISSES, "Build requests for which no build existed yet", Map.of());
    }

    private Meters.Timer stageTimer(String stage) {
        return meters.timer(STAGE_DURATION, "Time builds on this node spent in each stage (imagebuilder_status)",
                Map.of("stage", stage));
    }

    private Meters.Counter builds(BuildStatus outcome) {
        return meters.counter(BUILDS, "Builds finished on this node, by outcome (done, failed)", outcome(outcome));
    }

    private Meters.Timer buildTimer(BuildStatus outcome) {
        return meters.timer(BUILD_DURATION, "Time from a builder taking a build to its result, by outcome", outcome(outcome));
    }

    private Meters.Counter downloads() {
        return meters.counter(IMAGEBUILDER_DOWNLOADS, "ImageBuilder archives downloaded from upstream by this node", Map.of());
    }

    private static Map<String, String> outcome(BuildStatus outcome) {
        return Map.of("outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
}

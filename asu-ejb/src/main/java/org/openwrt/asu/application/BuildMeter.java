package org.openwrt.asu.application;

import java.time.Duration;
import org.openwrt.asu.domain.BuildStatus;

/**
 * What the operators' metrics hear about builds: cache lookups, the time of each build stage and
 * of the whole build, its outcome, and ImageBuilder downloads. The use cases and the builders call
 * it at the moment something happens; only the implementation knows about a metrics registry.
 * Implementations never throw. {@link #NONE} stands in where nothing listens (hand-wired tests).
 */
public interface BuildMeter {

    BuildMeter NONE = new BuildMeter() {
    };

    /** A request for a build that already succeeded ({@code hit}) or for no build yet (a miss). */
    default void cacheLookup(boolean hit) {
    }

    /** A build spent {@code took} in the stage it reports as {@code imagebuilder_status}. */
    default void stageFinished(String stage, Duration took) {
    }

    /** A build ended as {@link BuildStatus#DONE} or {@link BuildStatus#FAILED} after {@code took}. */
    default void buildFinished(BuildStatus outcome, Duration took) {
    }

    /** An ImageBuilder archive was downloaded (and verified or not) from upstream. */
    default void imageBuilderDownloaded() {
    }
}

package org.openwrt.asu.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The ImageBuilders this node keeps extracted, for the operators: what they are, their size, and a purge. */
public interface ImageBuilderInventory {

    /**
     * One cached ImageBuilder.
     *
     * @param sizeBytes   disk space of the extracted ImageBuilder
     * @param refreshedAt when its sums were last checked against upstream (every build checks), if ever
     * @param inUse       a build works with it now
     */
    record CachedImageBuilder(String version, String target, long sizeBytes, Optional<Instant> refreshedAt, boolean inUse) {
    }

    /**
     * What a purge did.
     *
     * @param purged the ImageBuilders deleted (the next build of their target downloads again)
     * @param busy   those left because a build used them
     */
    record Purge(List<CachedImageBuilder> purged, List<CachedImageBuilder> busy) {
    }

    List<CachedImageBuilder> list();

    /** Deletes every cached ImageBuilder no build uses now. */
    Purge purgeAll();

    /** Deletes the one of {@code version}/{@code target} unless a build uses it; empty when there is none. */
    Optional<Purge> purge(String version, String target);
}

package org.openwrt.asu.domain;

/**
 * Server-side limits of a build request.
 *
 * @param maxDefaultsLength longest first-boot script accepted, in characters
 * @param maxRootfsSizeMb   largest root file system partition a client may ask for
 * @param maxEntries        most entries of a list or map field ({@code packages}, {@code packages_versions},
 *                          {@code repositories}, {@code repository_keys})
 * @param maxStringLength   longest string of any other field, map keys included
 */
public record BuildLimits(int maxDefaultsLength, int maxRootfsSizeMb, int maxEntries, int maxStringLength) {

    /** Limits on the script and the partition only (tools, and requests read back from the store). */
    public BuildLimits(int maxDefaultsLength, int maxRootfsSizeMb) {
        this(maxDefaultsLength, maxRootfsSizeMb, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
}

package org.openwrt.asu.domain;

/**
 * Server-side limits of a build request.
 *
 * @param maxDefaultsLength longest first-boot script accepted, in characters
 * @param maxRootfsSizeMb   largest root file system partition a client may ask for
 */
public record BuildLimits(int maxDefaultsLength, int maxRootfsSizeMb) {
}

package org.openwrt.asu.domain;

import java.time.Instant;

/**
 * A build a builder works on now.
 *
 * @param stage     its {@code imagebuilder_status}: {@code init}, {@code container_setup}, {@code building_image}, …
 * @param startedAt when the builder took it (again, after a redelivery)
 * @param node      the node building it
 */
public record RunningBuild(String requestHash, String version, String target, String profile, String stage,
                           Instant startedAt, String node) {
}

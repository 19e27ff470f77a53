/**
 * The operators' MicroProfile Metrics (Prometheus text at {@code /metrics}): build counters and
 * timers fed through {@link org.openwrt.asu.application.BuildMeter}, and gauges that read the
 * broker's queues and the janitor's status when scraped.
 */
package org.openwrt.asu.infrastructure.metrics;

/**
 * The operators' metrics: build counters and timers fed through
 * {@link org.openwrt.asu.application.BuildMeter}, and gauges that read the broker's queues and the
 * janitor's status when scraped, registered through {@link org.openwrt.asu.infrastructure.metrics.Meters}
 * in whichever registry the server offers: MicroProfile Metrics (Payara: Prometheus text at
 * {@code /metrics}) or Micrometer (WildFly's micrometer subsystem).
 */
package org.openwrt.asu.infrastructure.metrics;

/**
 * An offline miniature of the OpenWrt upstream that the ASU server talks to: a generator that
 * writes a download-server tree (version catalogue, targets, real device profiles, package
 * feeds, usign-signed checksums) with one working ImageBuilder archive per version and target,
 * and a small HTTP server that serves such a tree on loopback with conditional requests, a
 * request log and switchable faults. Tests, benchmarks and the offline demo use it so that the
 * server's real code paths (discover, download, verify, extract, {@code make}) run for real.
 */
package org.openwrt.asu.upstream;

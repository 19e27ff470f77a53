/**
 * The ImageBuilders: fetched from upstream, trusted only after the usign signature of the
 * target's {@code sha256sums} and the archive's sha256 check out, extracted safely, kept per
 * version and target, and refreshed when upstream publishes a new one.
 */
package org.openwrt.asu.builder.imagebuilder;

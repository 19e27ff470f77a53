/**
 * The builders: a message-driven bean takes build requests off the Artemis queue and hands
 * each to {@link org.openwrt.asu.builder.BuildRecipe}, which runs the build and records its
 * outcome in Redis.
 */
package org.openwrt.asu.builder;

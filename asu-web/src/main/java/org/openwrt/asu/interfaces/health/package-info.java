/**
 * MicroProfile Health checks: the server is ready only when Redis and the build queue answer and
 * the janitor's copy of the upstream metadata is not stale.
 */
package org.openwrt.asu.interfaces.health;

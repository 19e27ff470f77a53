/**
 * MicroProfile Health checks: the server is alive while its embedded broker runs, and ready only
 * when Redis and the build queue answer and the janitor's copy of the upstream metadata is not
 * stale.
 */
package org.openwrt.asu.interfaces.health;

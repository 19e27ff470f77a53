/**
 * The janitor: a timer that keeps the server's copy of the upstream metadata fresh and prunes
 * the image store.
 */
package org.openwrt.asu.janitor;

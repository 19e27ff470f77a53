/** MicroProfile Health checks: the server is ready only when Redis and the build queue answer. */
package org.openwrt.asu.interfaces.health;

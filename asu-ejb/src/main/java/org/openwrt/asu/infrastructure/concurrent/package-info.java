/** The container's managed executors, offered to constructor injection. */
package org.openwrt.asu.infrastructure.concurrent;

/** The container's managed executor and thread factory, offered to constructor injection. */
package org.openwrt.asu.infrastructure.concurrent;

/** MicroProfile Config converters for the settings' own notations. */
package org.openwrt.asu.infrastructure.config;

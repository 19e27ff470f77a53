/**
 * The HTTP client of the OpenWrt download server: conditional GETs of the metadata files,
 * nothing else. What the files mean is the janitor's business.
 */
package org.openwrt.asu.infrastructure.upstream;

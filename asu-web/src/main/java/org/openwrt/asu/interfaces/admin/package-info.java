/**
 * The admin console's JSON API under {@code /admin/api/…} and its second lock: the role check
 * and the action header that every console request passes, whatever path spelling reached it.
 */
package org.openwrt.asu.interfaces.admin;

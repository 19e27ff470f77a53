/**
 * The legacy API, as the 2021 server spoke it: {@code /api/build}, {@code /api/branches},
 * {@code /api/latest} and the oldest {@code /overview} address, with that API's
 * {@code {status, message}} errors.
 */
package org.openwrt.asu.interfaces.rest.legacy;

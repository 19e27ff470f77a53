/**
 * The HTTP edge of ASU on Payara Micro: a Grizzly filter that reads each request head before the
 * container's HTTP codec, refuses malformed, oversized, ambiguous and slow requests itself with
 * the same JSON errors the application gives, and corrects the reason phrases of the container's
 * status lines. It lives in the container (a library of Payara Micro, installed by
 * {@code misc/payara-micro/preboot.asadmin}), not in the application, because these requests
 * never reach the application.
 */
package org.openwrt.asu.edge;

package org.openwrt.asu.edge;

/**
 * The edge's limits, from system properties (misc/run passes the server's settings file as
 * system properties, so they sit beside the application's {@code asu.*} settings).
 *
 * @param headTimeoutMillis how long a client may take to send a request head: counted from its
 *        connection for the first, from the first byte of the head for any further one
 * @param bodyTimeoutMillis how long a client may take to send a request body, from the end of its head
 * @param maxRequestLineBytes the longest request line (longer: 414)
 * @param maxHeadBytes the largest request head, request line and headers (larger: 431)
 * @param maxHeaders the most header fields of one request (more: 431)
 * @param maxHeldBodyBytes the largest request body the edge collects before the request goes on
 *        (a larger one goes on as it arrives, and a worker thread may wait for its bytes)
 */
record EdgeSettings(long headTimeoutMillis, long bodyTimeoutMillis, int maxRequestLineBytes, int maxHeadBytes, int maxHeaders,
                    int maxHeldBodyBytes) {

    static EdgeSettings fromSystemProperties() {
        return new EdgeSettings(
                Long.getLong("asu.http.head-timeout-seconds", 20) * 1000,
                Long.getLong("asu.http.body-timeout-seconds", 30) * 1000,
                Integer.getInteger("asu.http.max-request-line-bytes", 8192),
                Integer.getInteger("asu.http.max-head-bytes", 8192),
                Integer.getInteger("asu.http.max-headers", 100),
                Integer.getInteger("asu.http.max-held-body-bytes", 65536));
    }
}

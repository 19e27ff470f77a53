package org.openwrt.asu.domain;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * What the server knows of one build, keyed by its request hash.
 *
 * @param requestHash        the hash of the request as the client sent it
 * @param status             queued, started, done or failed
 * @param enqueuedAt         when the request was accepted
 * @param imagebuilderStatus the stage a started build is in ({@code init}, {@code building_image}, …)
 * @param queuePosition      0-based place in the queue while queued, else 0
 * @param request            the request as accepted (validated, canonical profile), echoed until the builder reports its own
 * @param details            what the builder reported: {@code detail}, {@code request}, {@code stdout}, result fields…
 */
public record Build(
        String requestHash,
        BuildStatus status,
        Instant enqueuedAt,
        String imagebuilderStatus,
        long queuePosition,
        JsonObject request,
        JsonObject details) {

    /** The request as clients see it at every stage: the builder's echo once it has one, else the accepted request. */
    public JsonObject echoedRequest() {
        JsonObject echoed = details.getJsonObject("request");
        return echoed == null ? request : echoed;
    }
}

package org.openwrt.asu.interfaces.rest;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.openwrt.asu.application.RenderedJson;

/**
 * Answers rendered once ({@link RenderedJson}), written as stored bytes: the gzip copy to a
 * client that accepts gzip, the plain bytes otherwise. Metadata answers a proxy or client may
 * cache also get {@code Cache-Control}, the {@code ETag} and 304 when the client has this content.
 */
public final class CachedJson {

    private CachedJson() {
    }

    /** A metadata document: 200 with its bytes, or 304 when {@code If-None-Match} names it. */
    public static Response of(Request request, HttpHeaders headers, RenderedJson answer, Duration maxAge) {
        EntityTag etag = new EntityTag(answer.etag());
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) maxAge.toSeconds());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged != null) {
            return unchanged.cacheControl(cache).tag(etag).build();
        }
        return body(headers, answer).status(200).cacheControl(cache).tag(etag).build();
    }

    /** The bytes of a rendered answer as JSON, gzip-encoded when the client accepts it. */
    public static Response.ResponseBuilder body(HttpHeaders headers, RenderedJson answer) {
        Response.ResponseBuilder response = Response.ok().type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
            return response.entity(answer.gzipped()).encoding("gzip");
        }
        return response.entity(answer.body());
    }

    /** True when the header lists gzip without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }
}

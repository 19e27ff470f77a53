package org.openwrt.asu.interfaces.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.regex.Pattern;
import org.openwrt.asu.application.RenderedJson;

/**
 * Answers rendered once ({@link RenderedJson}), written as stored bytes: the gzip copy to a
 * client that accepts gzip, the plain bytes otherwise. Metadata answers a proxy or client may
 * cache also get {@code Cache-Control}, the {@code ETag} and 304 when the client has this content.
 * The rules are public because {@code interfaces.http.RenderedReads} answers the same way
 * without the resources.
 */
public final class CachedJson {

    private static final Pattern ZERO_WEIGHT = Pattern.compile("q=0(\\.0*)?");

    private CachedJson() {
    }

    /** A metadata document: 200 with its bytes, or 304 when {@code If-None-Match} names it. */
    public static Response of(HttpHeaders headers, RenderedJson answer, Duration maxAge) {
        Response.ResponseBuilder response = matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), answer.etag())
                ? Response.notModified() : body(headers, answer).status(200);
        return response.header(HttpHeaders.CACHE_CONTROL, cacheControl(maxAge))
                .header(HttpHeaders.ETAG, quoted(answer.etag())).build();
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

    /** The {@code Cache-Control} of a metadata document (as JAX-RS' default CacheControl writes it). */
    public static String cacheControl(Duration maxAge) {
        return "no-transform, max-age=" + maxAge.toSeconds();
    }

    public static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    /** RFC 9110 §13.1.2: {@code *} or a listed tag, weak or strong, equal to {@code etag}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = quoted(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(wanted) || candidate.equals("W/" + wanted)) {
                return true;
            }
        }
        return false;
    }

    /** True when the header lists gzip without {@code q=0}. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !ZERO_WEIGHT.matcher(parts[1].replace(" ", "")).matches();
            }
        }
        return false;
    }
}

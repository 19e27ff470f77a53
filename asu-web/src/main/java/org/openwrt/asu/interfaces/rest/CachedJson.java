package org.openwrt.asu.interfaces.rest;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Metadata answers a proxy or client may cache: {@code Cache-Control} and an {@code ETag} from the
 * content, and 304 when the client already has this content.
 */
public final class CachedJson {

    private CachedJson() {
    }

    public static Response of(Request request, JsonStructure json, Duration maxAge) {
        String body = json.toString();
        EntityTag etag = new EntityTag(sha256(body).substring(0, 32));
        CacheControl cache = new CacheControl();
        cache.setMaxAge((int) maxAge.toSeconds());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        if (unchanged != null) {
            return unchanged.cacheControl(cache).tag(etag).build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).tag(etag).build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

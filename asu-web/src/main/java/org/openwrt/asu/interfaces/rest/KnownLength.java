package org.openwrt.asu.interfaces.rest;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;

/**
 * Renders JSON and text answers before they are sent (or takes the bytes rendered ahead), so that every one carries
 * {@code Content-Length} instead of chunked encoding (auc's uclient wants the length), and a
 * HEAD answer, which JAX-RS computes from the GET method, carries the length GET's body has
 * (RFC 9110 §9.3.2).
 */
@Provider
public class KnownLength implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        byte[] bytes;
        if (entity instanceof byte[] rendered) {
            bytes = rendered; // answers rendered ahead (RenderedJson), plain or gzip
        } else if (entity instanceof JsonStructure json) {
            bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        } else if (entity instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            return;
        }
        // the media type given here would be written anew (without the space before charset)
        Object contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        response.setEntity(bytes, response.getEntityAnnotations(), response.getMediaType());
        if (contentType != null) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, contentType);
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, bytes.length);
    }
}

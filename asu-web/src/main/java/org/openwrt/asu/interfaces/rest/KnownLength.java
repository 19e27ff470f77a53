package org.openwrt.asu.interfaces.rest;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;

/**
 * Renders JSON and text answers before they are sent, so that every one carries
 * {@code Content-Length} instead of chunked encoding (auc's uclient wants the length), and a
 * HEAD answer, which JAX-RS computes from the GET method, carries the length GET's body has
 * (RFC 9110 §9.3.2).
 */
@Provider
public class KnownLength implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        String text = entity instanceof JsonStructure json ? json.toString() : entity instanceof String string ? string : null;
        if (text == null) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setEntity(bytes, response.getEntityAnnotations(), response.getMediaType());
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, bytes.length);
    }
}

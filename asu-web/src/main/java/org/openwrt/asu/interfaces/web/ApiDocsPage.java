package org.openwrt.asu.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api-docs}: the OpenAPI document of {@code /openapi} rendered for people, by a page and a
 * script carried in the WAR next to this class; nothing is loaded from anywhere else
 * ({@code Content-Security-Policy} says so to the browser).
 */
@Tag(name = "Pages")
@Path("api-docs")
@ApplicationScoped
public class ApiDocsPage {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

    private final byte[] page = read("api-docs.html");
    private final byte[] script = read("api-docs.js");

    @GET
    @Operation(summary = "The API documentation as a page")
    @APIResponse(responseCode = "200", description = "HTML page rendering /openapi")
    public Response page() {
        return Response.ok(page, "text/html; charset=utf-8").header("Content-Security-Policy", POLICY)
                .header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("api-docs.js")
    @Operation(summary = "The page's script")
    @APIResponse(responseCode = "200", description = "JavaScript")
    public Response script() {
        return Response.ok(script, "text/javascript; charset=utf-8").header("Cache-Control", "no-cache").build();
    }

    private static byte[] read(String name) {
        try (InputStream in = ApiDocsPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the WAR lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

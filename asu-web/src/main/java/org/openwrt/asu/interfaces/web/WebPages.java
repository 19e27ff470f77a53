package org.openwrt.asu.interfaces.web;

import org.openwrt.asu.interfaces.admin.AdminOnly;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.openwrt.asu.interfaces.web.WebAssets.Asset;

/**
 * {@code /} (overview), {@code /stats} (statistics), {@code /admin} (the operators' console, see
 * {@link AdminOnly}) and {@code /static/{file}} (their style sheet,
 * script modules and icon). JAX-RS owns every path of the application, so the pages are served
 * here rather than by the container's default servlet. Pages are revalidated on every visit,
 * static files are cached for an hour; both carry an ETag and answer 304. An unknown file is the
 * usual JSON 404. The pages may only load from this server ({@code Content-Security-Policy}). They
 * are no part of the API, so the OpenAPI description leaves them out.
 */
@Path("/")
@RequestScoped
public class WebPages {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
    static final Duration STATIC_MAX_AGE = Duration.ofHours(1);

    private WebAssets assets;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public WebPages() {
    }

    @Inject
    public WebPages(WebAssets assets) {
        this.assets = assets;
    }

    @Context
    Request request;

    @GET
    @Operation(hidden = true)
    public Response overview() {
        return page("overview.html");
    }

    @GET
    @Path("stats")
    @Operation(hidden = true)
    public Response stats() {
        return page("stats.html");
    }

    @GET
    @Path("admin")
    @AdminOnly
    @Operation(hidden = true)
    public Response admin() {
        return page("admin.html");
    }

    @GET
    @Path("static/{file}")
    @Operation(hidden = true)
    public Response staticFile(@PathParam("file") String file) {
        CacheControl cache = new CacheControl();
        cache.setNoTransform(false);
        cache.setMaxAge((int) STATIC_MAX_AGE.toSeconds());
        return send(assets.staticFile(file).orElseThrow(NotFoundException::new), cache).build();
    }

    private Response page(String name) {
        CacheControl cache = new CacheControl();
        cache.setNoTransform(false);
        cache.setNoCache(true);
        return send(assets.page(name).orElseThrow(() -> new IllegalStateException("the WAR lacks the page " + name)), cache)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .build();
    }

    private Response.ResponseBuilder send(Asset asset, CacheControl cache) {
        EntityTag etag = new EntityTag(asset.etag());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        Response.ResponseBuilder builder = unchanged != null ? unchanged
                : Response.ok(asset.content()).header(HttpHeaders.CONTENT_TYPE, asset.contentType());
        return builder.tag(etag).cacheControl(cache).header("X-Content-Type-Options", "nosniff");
    }
}

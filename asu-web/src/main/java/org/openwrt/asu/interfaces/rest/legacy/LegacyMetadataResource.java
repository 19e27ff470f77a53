package org.openwrt.asu.interfaces.rest.legacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.openwrt.asu.application.MetadataDocuments;
import org.openwrt.asu.application.RenderedMetadata;
import org.openwrt.asu.interfaces.rest.CachedJson;

/**
 * The 2021 API's metadata ({@code /api/branches}, {@code /api/latest}) and the old addresses of
 * the v1 documents that LuCI builds still call ({@code /api/v1/overview}, {@code /api/overview},
 * {@code /api/v1/latest}; all 301).
 */
@Tag(name = "2021 API")
@Path("api")
@ApplicationScoped // one instance for all requests (its @Context fields are proxies), not one per request
@Produces(MediaType.APPLICATION_JSON)
public class LegacyMetadataResource {

    private MetadataDocuments documents;
    private RenderedMetadata rendered;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public LegacyMetadataResource() {
    }

    @Inject
    public LegacyMetadataResource(MetadataDocuments documents, RenderedMetadata rendered) {
        this.documents = documents;
        this.rendered = rendered;
    }

    @Context
    HttpHeaders headers;

    @Operation(summary = "Branches (2021 API)")
    @APIResponse(responseCode = "200", description = "Branches with their versions and targets")
    @GET
    @Path("branches")
    public Response branches() {
        return stored("api/branches", documents::legacyBranches);
    }

    @Operation(summary = "Latest versions (2021 API)")
    @APIResponse(responseCode = "200", description = "{latest: [versions]}")
    @GET
    @Path("latest")
    public Response latest() {
        return stored("api/latest", documents::legacyLatest);
    }

    private Response stored(String name, Supplier<JsonObject> document) {
        return CachedJson.body(headers, rendered.document(name, () -> Optional.of(document.get())).orElseThrow()).build();
    }

    @Operation(summary = "Old address of the overview")
    @APIResponse(responseCode = "301", description = "Location: /json/v1/overview.json")
    @GET
    @Path("v1/overview")
    public Response overviewV1() {
        return movedTo("/json/v1/overview.json");
    }

    @Operation(summary = "Old address of the overview")
    @APIResponse(responseCode = "301", description = "Location: /json/v1/overview.json")
    @GET
    @Path("overview")
    public Response overview() {
        return movedTo("/json/v1/overview.json");
    }

    @Operation(summary = "Old address of latest.json")
    @APIResponse(responseCode = "301", description = "Location: /json/v1/latest.json")
    @GET
    @Path("v1/latest")
    public Response latestV1() {
        return movedTo("/json/v1/latest.json");
    }

    static Response movedTo(String path) {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }
}

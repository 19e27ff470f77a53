package org.openwrt.asu.interfaces.rest.legacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.openwrt.asu.application.MetadataDocuments;

/**
 * The 2021 API's metadata ({@code /api/branches}, {@code /api/latest}) and the old addresses of
 * the v1 documents that LuCI builds still call ({@code /api/v1/overview}, {@code /api/overview},
 * {@code /api/v1/latest}; all 301).
 */
@Tag(name = "2021 API")
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LegacyMetadataResource {

    private MetadataDocuments documents;

    protected LegacyMetadataResource() {
    }

    @Inject
    public LegacyMetadataResource(MetadataDocuments documents) {
        this.documents = documents;
    }

    @Operation(summary = "Branches (2021 API)")
    @APIResponse(responseCode = "200", description = "Branches with their versions and targets")
    @GET
    @Path("branches")
    public JsonObject branches() {
        return documents.legacyBranches();
    }

    @Operation(summary = "Latest versions (2021 API)")
    @APIResponse(responseCode = "200", description = "{latest: [versions]}")
    @GET
    @Path("latest")
    public JsonObject latest() {
        return documents.legacyLatest();
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

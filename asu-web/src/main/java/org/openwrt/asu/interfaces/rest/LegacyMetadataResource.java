package org.openwrt.asu.interfaces.rest;

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
@Path("api")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LegacyMetadataResource {

    @Inject
    MetadataDocuments documents;

    @GET
    @Path("branches")
    public JsonObject branches() {
        return documents.seedBranches();
    }

    @GET
    @Path("latest")
    public JsonObject latest() {
        return documents.seedLatest();
    }

    @GET
    @Path("{prefix: v1/overview|overview}")
    public Response overview() {
        return movedTo("/json/v1/overview.json");
    }

    @GET
    @Path("v1/latest")
    public Response latestV1() {
        return movedTo("/json/v1/latest.json");
    }

    static Response movedTo(String path) {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }
}

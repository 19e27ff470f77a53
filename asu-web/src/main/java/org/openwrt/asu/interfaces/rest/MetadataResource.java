package org.openwrt.asu.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.MetadataDocuments;
import org.openwrt.asu.domain.Durations;

/**
 * {@code /json/v1/…}: versions, branches, package indexes and device profiles, from the janitor's
 * copy of the upstream metadata in Redis (never a live upstream call).
 */
@Path("json/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    @Inject
    MetadataDocuments documents;

    @Inject
    @ConfigProperty(name = "asu.metadata.max-age")
    String maxAge;

    @Context
    Request request;

    @GET
    @Path("overview.json")
    public Response overview() {
        return cached(documents.overview());
    }

    @GET
    @Path("branches.json")
    public Response branches() {
        return cached(documents.branchList().build());
    }

    @GET
    @Path("latest.json")
    public Response latest() {
        return cached(documents.latest());
    }

    @GET
    @Path("{path: .+}/targets/{target}/{subtarget}/index.json")
    public Response targetIndex(@PathParam("path") String path, @PathParam("target") String target,
                                @PathParam("subtarget") String subtarget) {
        return cachedOrNotFound(documents.targetIndex(path, target + "/" + subtarget));
    }

    @GET
    @Path("{path: .+}/packages/{arch}-index.json")
    public Response feedIndex(@PathParam("path") String path, @PathParam("arch") String arch) {
        return cachedOrNotFound(documents.feedIndex(path, arch));
    }

    @GET
    @Path("{path: .+}/targets/{target}/{subtarget}/{profile}.json")
    public Response profile(@PathParam("path") String path, @PathParam("target") String target,
                            @PathParam("subtarget") String subtarget, @PathParam("profile") String profile) {
        return cachedOrNotFound(documents.profile(path, target + "/" + subtarget, profile));
    }

    private Response cachedOrNotFound(Optional<JsonObject> document) {
        return document.map(this::cached).orElseGet(() -> ErrorBody.response(404, "Not found"));
    }

    private Response cached(JsonStructure document) {
        Duration age = Durations.parse(maxAge);
        return CachedJson.of(request, document, age);
    }
}

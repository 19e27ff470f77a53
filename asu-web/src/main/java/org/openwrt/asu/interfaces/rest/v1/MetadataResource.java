package org.openwrt.asu.interfaces.rest.v1;

import org.openwrt.asu.interfaces.rest.CachedJson;
import org.openwrt.asu.interfaces.rest.ErrorBody;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.MetadataDocuments;
import org.openwrt.asu.application.RenderedJson;
import org.openwrt.asu.application.RenderedMetadata;

/**
 * {@code /json/v1/…}: versions, branches, package indexes and device profiles, from the janitor's
 * copy of the upstream metadata in Redis (never a live upstream call).
 */
@Tag(name = "Metadata", description = "The janitor's copy of the upstream metadata (ETag, Cache-Control, 304)")
@Path("json/v1")
@ApplicationScoped // one instance for all requests (its @Context fields are proxies), not one per request
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private MetadataDocuments documents;
    private RenderedMetadata rendered;
    private Duration maxAge;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public MetadataResource() {
    }

    @Inject
    public MetadataResource(MetadataDocuments documents, RenderedMetadata rendered,
                            @ConfigProperty(name = "asu.metadata.max-age") Duration maxAge) {
        this.documents = documents;
        this.rendered = rendered;
        this.maxAge = maxAge;
    }

    @Context
    HttpHeaders headers;

    @Operation(summary = "Versions, branches and server settings")
    @APIResponse(responseCode = "200", description = "overview.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @GET
    @Path("overview.json")
    public Response overview() {
        return cachedOrNotFound(rendered.document("overview.json", () -> Optional.of(documents.overview())));
    }

    @Operation(summary = "Branches")
    @APIResponse(responseCode = "200", description = "branches.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @GET
    @Path("branches.json")
    public Response branches() {
        return cachedOrNotFound(rendered.document("branches.json", () -> Optional.of(documents.branchList().build())));
    }

    @Operation(summary = "Latest release versions")
    @APIResponse(responseCode = "200", description = "latest.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @GET
    @Path("latest.json")
    public Response latest() {
        return cachedOrNotFound(rendered.document("latest.json", () -> Optional.of(documents.latest())));
    }

    @Operation(summary = "A target's profiles and packages", description = "path is releases/<version> or snapshots.")
    @APIResponse(responseCode = "200", description = "index.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "Not synced", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("{path: .+}/targets/{target}/{subtarget}/index.json")
    public Response targetIndex(@PathParam("path") String path, @PathParam("target") String target,
                                @PathParam("subtarget") String subtarget) {
        return cachedOrNotFound(rendered.document(path + "/targets/" + target + "/" + subtarget + "/index.json",
                () -> documents.targetIndex(path, target + "/" + subtarget)));
    }

    @Operation(summary = "An architecture's feed packages")
    @APIResponse(responseCode = "200", description = "<arch>-index.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "Not synced", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("{path: .+}/packages/{arch}-index.json")
    public Response feedIndex(@PathParam("path") String path, @PathParam("arch") String arch) {
        return cachedOrNotFound(rendered.document(path + "/packages/" + arch + "-index.json",
                () -> documents.feedIndex(path, arch)));
    }

    @Operation(summary = "A device profile")
    @APIResponse(responseCode = "200", description = "<profile>.json")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "Not synced or unknown", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("{path: .+}/targets/{target}/{subtarget}/{profile}.json")
    public Response profile(@PathParam("path") String path, @PathParam("target") String target,
                            @PathParam("subtarget") String subtarget, @PathParam("profile") String profile) {
        return cachedOrNotFound(rendered.document(path + "/targets/" + target + "/" + subtarget + "/" + profile + ".json",
                () -> documents.profile(path, target + "/" + subtarget, profile)));
    }

    private Response cachedOrNotFound(Optional<RenderedJson> document) {
        return document.map(this::cached).orElseGet(() -> ErrorBody.response(404, "Not found"));
    }

    private Response cached(RenderedJson document) {
        return CachedJson.of(headers, document, maxAge);
    }
}

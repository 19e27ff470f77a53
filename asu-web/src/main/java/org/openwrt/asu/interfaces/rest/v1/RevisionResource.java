package org.openwrt.asu.interfaces.rest.v1;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openwrt.asu.application.MetadataDocuments;
import org.openwrt.asu.application.UpstreamMetadata;

/** {@code /api/v1/revision/{version}/{target}/{subtarget}}: the revision LuCI compares a snapshot device with. */
@Tag(name = "Metadata")
@Path("api/v1/revision/{version}/{target}/{subtarget}")
@RequestScoped
public class RevisionResource {

    private UpstreamMetadata metadata;
    private MetadataDocuments documents;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public RevisionResource() {
    }

    @Inject
    public RevisionResource(UpstreamMetadata metadata, MetadataDocuments documents) {
        this.metadata = metadata;
        this.documents = documents;
    }

    @Operation(summary = "The revision of a target's ImageBuilder", description = "LuCI compares it with a snapshot device's.")
    @APIResponse(responseCode = "200", description = "The revision", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Revision")))
    @APIResponse(responseCode = "400", description = "Unsupported version", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "404", description = "Revision not known", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response revision(@PathParam("version") String version, @PathParam("target") String target,
                             @PathParam("subtarget") String subtarget) {
        if (metadata.pathOf(version).isEmpty()) {
            return ErrorBody.response(400, "Unsupported version: " + version);
        }
        return documents.revision(version, target + "/" + subtarget)
                .map(revision -> Response.ok(Json.createObjectBuilder().add("revision", revision).build()).build())
                .orElseGet(() -> ErrorBody.response(404,
                        "Failed to fetch revision for " + version + "/" + target + "/" + subtarget));
    }
}

package org.openwrt.asu.interfaces.rest.legacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /overview}, the oldest address of the overview: 301 to {@code /json/v1/overview.json}. */
@Tag(name = "Metadata")
@Path("overview")
@RequestScoped
public class OverviewRedirect {

    @Operation(summary = "Oldest address of the overview")
    @APIResponse(responseCode = "301", description = "Location: /json/v1/overview.json")
    @GET
    public Response overview() {
        return LegacyMetadataResource.movedTo("/json/v1/overview.json");
    }
}

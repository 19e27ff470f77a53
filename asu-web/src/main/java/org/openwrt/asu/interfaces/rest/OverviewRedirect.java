package org.openwrt.asu.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /overview}, the oldest address of the overview: 301 to {@code /json/v1/overview.json}. */
@Path("overview")
@RequestScoped
public class OverviewRedirect {

    @GET
    public Response overview() {
        return LegacyMetadataResource.movedTo("/json/v1/overview.json");
    }
}

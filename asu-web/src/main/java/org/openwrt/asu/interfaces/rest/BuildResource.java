package org.openwrt.asu.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openwrt.asu.application.BuildService;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.ClientName;

/** {@code /api/v1/build}: submit a build request, poll its state (GET, and HEAD for owut). */
@Path("api/v1/build")
@RequestScoped
public class BuildResource {

    @Inject
    BuildService builds;

    @Inject
    BuildRequestReader reader;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, String body) {
        BuildRequest request = reader.read(RequestBodies.json(contentType, body));
        return BuildResponses.of(builds.submit(request, ClientName.of(request.client(), userAgent)));
    }

    /** JAX-RS answers HEAD from this method with the same status and headers and no body. */
    @GET
    @Path("{requestHash}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(@PathParam("requestHash") String requestHash) {
        return builds.find(requestHash).map(BuildResponses::of).orElseGet(BuildResponses::unknownHash);
    }
}

package org.openwrt.asu.interfaces.rest.v1;

import org.openwrt.asu.interfaces.rest.RequestBodies;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.openwrt.asu.application.BuildService;
import org.openwrt.asu.application.FinishedBuildAnswers;
import org.openwrt.asu.application.RenderedJson;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.ClientName;
import org.openwrt.asu.domain.RequestHash;

/** {@code /api/v1/build}: submit a build request, poll its state (GET, and HEAD for owut). */
@Tag(name = "Builds", description = "Request a firmware image and poll its build")
@Path("api/v1/build")
@ApplicationScoped // one instance for all requests (its @Context fields are proxies), not one per request
public class BuildResource {

    private BuildService builds;
    private BuildRequestReader reader;
    private FinishedBuildAnswers answers;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public BuildResource() {
    }

    @Inject
    public BuildResource(BuildService builds, BuildRequestReader reader, FinishedBuildAnswers answers) {
        this.builds = builds;
        this.reader = reader;
        this.answers = answers;
    }

    @Context
    HttpHeaders headers;

    @Operation(summary = "Request a build", description = "Answers from the cache when an identical request was built; otherwise validates and queues it.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildRequest")))
    @APIResponse(responseCode = "200", description = "Built before: the result", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")), headers = {@Header(name = "X-Imagebuilder-Status", description = "the stage"), @Header(name = "X-Queue-Position", description = "builds ahead")})
    @APIResponse(responseCode = "202", description = "Queued or building: poll GET /api/v1/build/{request_hash}", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")), headers = {@Header(name = "X-Imagebuilder-Status", description = "the stage"), @Header(name = "X-Queue-Position", description = "builds ahead")})
    @APIResponse(responseCode = "400", description = "The server does not build this (unsupported version, target, profile, package set, defaults)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "422", description = "The body does not fit the contract", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ValidationError")))
    @APIResponse(responseCode = "500", description = "Built before and failed", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")))
    @APIResponse(responseCode = "503", description = "Redis or the broker is unreachable; retry later", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "529", description = "More than asu.build.max-pending builds wait; nothing was queued", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, String body) {
        BuildRequest request = reader.read(RequestBodies.json(contentType, body));
        String client = ClientName.of(request.client(), userAgent);
        String hash = RequestHash.of(request);
        Optional<RenderedJson> built = answers.find(FinishedBuildAnswers.Shape.V1, hash);
        if (built.isPresent()) {
            builds.answeredFromCache(client);
            return BuildResponses.done(built.get(), headers);
        }
        return BuildResponses.of(builds.submit(request, client), answers, headers);
    }

    /** JAX-RS answers HEAD from this method with the same status and headers and no body. */
    @Operation(summary = "Poll a build", description = "Also answers HEAD (owut), with the same status and headers.")
    @APIResponse(responseCode = "200", description = "Done: the result with images and manifest", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")), headers = {@Header(name = "X-Imagebuilder-Status", description = "the stage"), @Header(name = "X-Queue-Position", description = "builds ahead")})
    @APIResponse(responseCode = "202", description = "Queued or started", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")), headers = {@Header(name = "X-Imagebuilder-Status", description = "the stage"), @Header(name = "X-Queue-Position", description = "builds ahead")})
    @APIResponse(responseCode = "404", description = "Unknown or expired request hash", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "500", description = "Failed, with the reason", content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildState")))
    @APIResponse(responseCode = "503", description = "Redis is unreachable", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("{requestHash}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(@Parameter(description = "request_hash of the POST answer (64 hex)") @PathParam("requestHash") String requestHash) {
        return answers.find(FinishedBuildAnswers.Shape.V1, requestHash).map(built -> BuildResponses.done(built, headers))
                .or(() -> builds.find(requestHash).map(build -> BuildResponses.of(build, answers, headers)))
                .orElseGet(BuildResponses::unknownHash);
    }
}

package org.openwrt.asu.interfaces.rest.legacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.openwrt.asu.application.BuildRequestRejectedException;
import org.openwrt.asu.application.BuildService;
import org.openwrt.asu.application.FinishedBuildAnswers;
import org.openwrt.asu.application.RenderedJson;
import org.openwrt.asu.application.PackageListsUnavailableException;
import org.openwrt.asu.application.RequestValidation;
import org.openwrt.asu.application.UnknownPackagesException;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.ClientName;
import org.openwrt.asu.domain.LegacyRequestException;
import org.openwrt.asu.domain.LegacyRequestReader;
import org.openwrt.asu.domain.LegacyRequestReader.LegacyRequest;
import org.openwrt.asu.interfaces.rest.CachedJson;
import org.openwrt.asu.interfaces.rest.JsonLimits;
import org.openwrt.asu.interfaces.rest.LegacyErrors;

/**
 * The 2021 build API ({@code POST /api/build}, {@code GET /api/build/{hash}}) on the same
 * pipeline as v1: its body rules ({@link LegacyRequestReader}) and order of checks, its
 * {@code {"status":"bad_…","message":…}} errors, 12-hex request hashes, unknown packages refused
 * with 422 before anything is queued, and the {@code queued}/{@code started} answers of that time.
 */
@Tag(name = "2021 API", description = "The API of the 2021 server, kept for older clients")
@Path("api/build")
@ApplicationScoped // one instance for all requests (its @Context fields are proxies), not one per request
public class LegacyBuildResource {

    /** Flask's HTTP-date, as the 2021 server rendered {@code enqueued_at} and {@code build_at}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private BuildService builds;
    private RequestValidation validation;
    private LegacyRequestReader legacyReader;
    private FinishedBuildAnswers answers;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public LegacyBuildResource() {
    }

    @Inject
    public LegacyBuildResource(BuildService builds, RequestValidation validation, BuildRequestReader reader,
                               FinishedBuildAnswers answers) {
        this.builds = builds;
        this.answers = answers;
        this.validation = validation;
        this.legacyReader = new LegacyRequestReader(reader);
    }

    @Context
    HttpHeaders headers;

    @Operation(summary = "Request a build (2021 API)", description = "Unknown packages are refused before anything is queued.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(ref = "BuildRequest")))
    @APIResponse(responseCode = "200", description = "Built before: the result", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @APIResponse(responseCode = "202", description = "Queued or started", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @APIResponse(responseCode = "400", description = "Bad body, missing field, duplicate package list, or a request the server does not build", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyError")))
    @APIResponse(responseCode = "422", description = "packages is not a list, or unknown packages", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyError")))
    @APIResponse(responseCode = "500", description = "Built before and failed", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @APIResponse(responseCode = "503", description = "Package lists, Redis or the broker unavailable", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyError")))
    @APIResponse(responseCode = "529", description = "Too many builds wait", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyError")))
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(HttpHeaders.USER_AGENT) String userAgent, String body) {
        Optional<String> beyondLimits = body == null ? Optional.empty() : JsonLimits.exceeded(body);
        if (beyondLimits.isPresent()) {
            return LegacyErrors.of(400, "bad_request", "Request body is not valid JSON: " + beyondLimits.get());
        }
        try {
            LegacyRequest legacy = legacyReader.read(body);
            BuildRequest request = legacy.request();
            if (legacy.packagesProblem().isPresent()) {
                // the 2021 order: the device is checked before the package lists
                validation.check(request, RequestValidation.Checks.LEGACY_DEVICE);
                throw legacy.packagesProblem().get();
            }
            String client = ClientName.of(request.client(), userAgent);
            Optional<RenderedJson> built = answers.find(FinishedBuildAnswers.Shape.LEGACY, legacy.hash());
            if (built.isPresent()) {
                builds.answeredFromCache(client);
                return CachedJson.body(headers, built.get()).build();
            }
            return answer(builds.submit(request, legacy.hash(), client, RequestValidation.Checks.LEGACY), answers, headers);
        } catch (LegacyRequestException e) {
            return LegacyErrors.of(e.httpStatus(), e.code(), e.getMessage());
        } catch (BuildRequestRejectedException e) {
            return LegacyErrors.of(400, e.code(), e.legacyMessage());
        } catch (UnknownPackagesException e) {
            return LegacyErrors.unknownPackages(e.packages());
        } catch (PackageListsUnavailableException e) {
            return LegacyErrors.of(503, "unavailable", e.getMessage());
        }
    }

    @Operation(summary = "Poll a build (2021 API)")
    @APIResponse(responseCode = "200", description = "Done: the result", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @APIResponse(responseCode = "202", description = "Queued or started", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @APIResponse(responseCode = "404", description = "Unknown request hash", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyError")))
    @APIResponse(responseCode = "500", description = "Failed", content = @Content(mediaType = "application/json", schema = @Schema(ref = "LegacyBuildState")))
    @GET
    @Path("{requestHash}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(@PathParam("requestHash") String requestHash) {
        return answers.find(FinishedBuildAnswers.Shape.LEGACY, requestHash).map(built -> CachedJson.body(headers, built).build())
                .or(() -> builds.find(requestHash).map(build -> answer(build, answers, headers)))
                .orElseGet(() -> LegacyErrors.of(404, "not_found", "could not find provided request hash"));
    }

    /**
     * queued/started → 202 with the 2021 status words; done → 200, the result without a status
     * (rendered once: {@link FinishedBuildAnswers}); failed → 500; at every stage with the
     * {@code request} as accepted.
     */
    static Response answer(Build build, FinishedBuildAnswers answers, HttpHeaders headers) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        int status;
        switch (build.status()) {
            case QUEUED -> {
                status = 202;
                body.add("status", "queued").add("queue_position", build.queuePosition());
            }
            case STARTED -> {
                status = 202;
                body.add("status", "started");
            }
            case DONE -> {
                status = 200;
                body = Json.createObjectBuilder(build.details());
                body.remove("status");
            }
            default -> {
                status = 500;
                body = Json.createObjectBuilder(build.details());
                body.add("status", "failed").add("message", build.details().getString("detail", "failed"));
            }
        }
        body.add("request", build.echoedRequest())
                .add("enqueued_at", HTTP_DATE.format(build.enqueuedAt())).add("request_hash", build.requestHash());
        if (status == 200) {
            return CachedJson.body(headers, answers.render(FinishedBuildAnswers.Shape.LEGACY, build, body.build())).build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }
}

package org.openwrt.asu.interfaces.rest.legacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.openwrt.asu.application.BuildRequestRejectedException;
import org.openwrt.asu.application.BuildService;
import org.openwrt.asu.application.PackageAvailability;
import org.openwrt.asu.application.PackageListsUnavailableException;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.ClientName;
import org.openwrt.asu.domain.InvalidBuildRequestException;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.domain.Violation;

/**
 * The 2021 build API ({@code POST /api/build}, {@code GET /api/build/{hash}}) on the same
 * pipeline as v1: its validation order and {@code {"status":"bad_…","message":…}} errors, 12-hex
 * request hashes, unknown packages refused with 422 before anything is queued, and the
 * {@code queued}/{@code started} answers of that time.
 */
@Tag(name = "2021 API", description = "The API of the 2021 server, kept for older clients")
@Path("api/build")
@RequestScoped
public class LegacyBuildResource {

    /** Flask's HTTP-date, as the 2021 server rendered {@code enqueued_at} and {@code build_at}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Inject
    BuildService builds;

    @Inject
    PackageAvailability packages;

    @Inject
    BuildRequestReader reader;

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
        JsonObject fields;
        try {
            fields = objectOf(body);
        } catch (IllegalArgumentException e) {
            return LegacyErrors.of(400, "bad_request", e.getMessage());
        }
        for (String required : new String[] {"version", "target", "profile"}) {
            if (!fields.containsKey(required)) {
                return LegacyErrors.of(400, "bad_request", "Missing " + required);
            }
        }
        if (fields.containsKey("packages") && fields.get("packages").getValueType() != JsonValue.ValueType.ARRAY) {
            return LegacyErrors.of(422, "bad_packages", "`packages` must be a list of package names");
        }
        if (fields.containsKey("packages") && fields.containsKey("packages_versions")) {
            return LegacyErrors.of(400, "duplicate_package_list", "Use either `packages` or `packages_versions`, not both");
        }
        BuildRequest request;
        try {
            request = reader.read(fields);
        } catch (InvalidBuildRequestException e) {
            Violation first = e.violations().get(0);
            return LegacyErrors.of(400, "bad_request", String.join(".", first.loc().subList(1, first.loc().size())
                    .stream().map(Object::toString).toList()) + ": " + first.msg());
        }
        String hash = RequestHash.legacy(fields.getString("distro", ""), request);
        try {
            return answer(builds.submit(request, hash, ClientName.of(request.client(), userAgent), validated -> {
                Set<String> unknown = packages.unknownPackages(validated.version(), validated.target(),
                        validated.requestedPackages());
                if (!unknown.isEmpty()) {
                    throw new UnknownPackagesException(unknown);
                }
            }));
        } catch (BuildRequestRejectedException e) {
            return LegacyErrors.rejected(e, request);
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
        return builds.find(requestHash).map(LegacyBuildResource::answer)
                .orElseGet(() -> LegacyErrors.of(404, "not_found", "could not find provided request hash"));
    }

    /**
     * queued/started → 202 with the 2021 status words; done → 200, the result without a status;
     * failed → 500; at every stage with the {@code request} as accepted.
     */
    static Response answer(Build build) {
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
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }

    /** @throws IllegalArgumentException saying what is wrong with the body */
    private static JsonObject objectOf(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("Missing request body");
        }
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException("Request body is not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("Request body must be a JSON object");
        }
        if (value.asJsonObject().isEmpty()) {
            throw new IllegalArgumentException("Missing request body");
        }
        return value.asJsonObject();
    }
}

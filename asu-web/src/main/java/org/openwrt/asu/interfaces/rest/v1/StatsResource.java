package org.openwrt.asu.interfaces.rest.v1;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.openwrt.asu.application.BuildStatisticsReport;

/**
 * The statistics ({@code /api/v1/stats}, {@code /stats/summary}, {@code /builds-per-day},
 * {@code /builds-by-version}, {@code /top-packages}, {@code /build-errors}).
 * Rooted at {@code api} like {@link LegacyMetadataResource}, so both share the {@code /api/v1/…}
 * addresses they answer.
 */
@Tag(name = "Statistics", description = "Counts kept in Redis")
@Path("api")
@RequestScoped
public class StatsResource {

    /** Spelled as the original server does; a MediaType would be written without the space. */
    static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    private BuildStatisticsReport report;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public StatsResource() {
    }

    @Inject
    public StatsResource(BuildStatisticsReport report) {
        this.report = report;
    }

    @Operation(summary = "Queue length")
    @APIResponse(responseCode = "200", description = "Builds waiting", content = @Content(mediaType = "application/json", schema = @Schema(ref = "QueueLength")))
    @GET
    @Path("v1/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        return report.queue();
    }

    @Operation(summary = "Queue length and builds of the last 24 hours")
    @APIResponse(responseCode = "200", description = "Summary", content = @Content(mediaType = "application/json", schema = @Schema(ref = "StatsSummary")))
    @GET
    @Path("v1/stats/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject summary() {
        return report.summary();
    }

    @Operation(summary = "Requests, cache hits and failures of the last 30 UTC days")
    @APIResponse(responseCode = "200", description = "30 daily buckets", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Chart")))
    @GET
    @Path("v1/builds-per-day")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject buildsPerDay() {
        return report.buildsPerDay();
    }

    @Operation(summary = "Successful builds of the last 26 weeks by version")
    @APIResponse(responseCode = "200", description = "26 weekly buckets", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Chart")))
    @GET
    @Path("v1/builds-by-version")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject buildsByVersion(@Parameter(description = "only versions of this branch, e.g. 24.10") @QueryParam("branch") String branch) {
        return report.buildsByVersion(optional(branch));
    }

    @Operation(summary = "Most requested extra packages of the last 30 days")
    @APIResponse(responseCode = "200", description = "Packages, most first", content = @Content(mediaType = "application/json", schema = @Schema(ref = "TopPackages")))
    @APIResponse(responseCode = "422", description = "n is not an integer", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("v1/top-packages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response topPackages(@Parameter(description = "only builds of this branch") @QueryParam("branch") String branch,
            @Parameter(description = "how many, at most 100 (default 30)", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)) @QueryParam("n") String n) {
        Optional<Integer> count = count(n, 30);
        return count.isEmpty() ? notAnInteger()
                : Response.ok(report.topPackages(optional(branch), count.get()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Operation(summary = "The newest lines of the build error log")
    @APIResponse(responseCode = "200", description = "Plain text report", content = @Content(mediaType = "text/plain", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "422", description = "n is not an integer", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("v1/build-errors")
    @Produces(MediaType.TEXT_PLAIN)
    public Response buildErrors(@Parameter(description = "how many lines, at most 500 (default 100)", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)) @QueryParam("n") String n) {
        Optional<Integer> count = count(n, 100);
        return count.isEmpty() ? notAnInteger() : Response.ok(report.buildErrors(count.get()))
                .header(HttpHeaders.CONTENT_TYPE, TEXT_UTF8).build();
    }

    private static Optional<String> optional(String branch) {
        return branch == null || branch.isEmpty() ? Optional.empty() : Optional.of(branch);
    }

    /** The {@code n} parameter: absent is the default, anything but an integer is refused. */
    private static Optional<Integer> count(String n, int byDefault) {
        if (n == null || n.isEmpty()) {
            return Optional.of(byDefault);
        }
        try {
            return Optional.of(Integer.parseInt(n.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Response notAnInteger() {
        return ErrorBody.response(422, "n must be an integer");
    }
}

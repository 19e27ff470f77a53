package org.openwrt.asu.interfaces.rest;

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
 * {@code /builds-by-version}, {@code /top-packages}, {@code /build-errors}; asu-server.md §7.2).
 * Rooted at {@code api} like {@link LegacyMetadataResource}, so both share the {@code /api/v1/…}
 * addresses they answer.
 */
@Path("api")
@RequestScoped
public class StatsResource {

    /** Spelled as the original server does; a MediaType would be written without the space. */
    static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    @Inject
    BuildStatisticsReport report;

    @GET
    @Path("v1/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        return report.queue();
    }

    @GET
    @Path("v1/stats/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject summary() {
        return report.summary();
    }

    @GET
    @Path("v1/builds-per-day")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject buildsPerDay() {
        return report.buildsPerDay();
    }

    @GET
    @Path("v1/builds-by-version")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject buildsByVersion(@QueryParam("branch") String branch) {
        return report.buildsByVersion(optional(branch));
    }

    @GET
    @Path("v1/top-packages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response topPackages(@QueryParam("branch") String branch, @QueryParam("n") String n) {
        Optional<Integer> count = count(n, 30);
        return count.isEmpty() ? notAnInteger()
                : Response.ok(report.topPackages(optional(branch), count.get()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("v1/build-errors")
    @Produces(MediaType.TEXT_PLAIN)
    public Response buildErrors(@QueryParam("n") String n) {
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

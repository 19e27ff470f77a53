package org.openwrt.asu.interfaces.admin;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openwrt.asu.application.AdminConsole;
import org.openwrt.asu.janitor.Janitor;

/**
 * The operators' console API under {@code /admin/api} (the page {@code /admin} reads it): queue
 * counters and running builds, dead letters with requeue and drop, the ImageBuilder cache with
 * purge, the nodes sharing Redis, and "sync now" for the janitor. Only for the operator ({@link AdminGuard}, web.xml).
 */
@Tag(name = "Admin", description = "The operators' console (HTTP Basic login; actions need the X-Requested-By header)")
@SecurityRequirement(name = "admin")
@AdminOnly
@Path("admin/api")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AdminResource {

    private AdminConsole console;
    private Janitor janitor;

    /** Public for RESTEasy (WildFly), which describes a provider by a public constructor; CDI creates it. */
    public AdminResource() {
    }

    @Inject
    public AdminResource(AdminConsole console, Janitor janitor) {
        this.console = console;
        this.janitor = janitor;
    }

    @Operation(summary = "Queues, running builds and the janitor's last sync")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Each part, or its error when its source did not answer")
    @GET
    @Path("overview")
    public JsonObject overview() {
        return console.overview();
    }

    @Operation(summary = "Builds parked in the dead-letter queue, with their request and failure")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Oldest first")
    @APIResponse(responseCode = "503", description = "The broker does not answer", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @GET
    @Path("dead-letters")
    public JsonObject deadLetters() {
        return console.deadLetters();
    }

    @Operation(summary = "Put a parked build back on the build queue")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Requeued")
    @APIResponse(responseCode = "404", description = "No such message", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", ref = "AdminActionRefused")
    @POST
    @Path("dead-letters/{id: [0-9]+}/requeue")
    public Response requeue(@PathParam("id") long messageId) {
        return found(console.requeue(messageId), "No dead letter " + messageId);
    }

    @Operation(summary = "Drop a parked build; a client polling it sees it failed")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Dropped")
    @APIResponse(responseCode = "404", description = "No such message", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", ref = "AdminActionRefused")
    @DELETE
    @Path("dead-letters/{id: [0-9]+}")
    public Response drop(@PathParam("id") long messageId) {
        return found(console.drop(messageId), "No dead letter " + messageId);
    }

    @Operation(summary = "This node's cached ImageBuilders")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Version, target, size, last refresh, in use")
    @GET
    @Path("imagebuilders")
    public JsonObject imageBuilders() {
        return console.imageBuilders();
    }

    @Operation(summary = "Every node sharing Redis, as its last heartbeat tells: roles, slots, running builds, ImageBuilder cache")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "By name; a node that missed its heartbeats is stale until it expires")
    @GET
    @Path("nodes")
    public JsonObject nodes() {
        return console.nodes();
    }

    @Operation(summary = "Delete every cached ImageBuilder no build uses now")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Purged and busy ones")
    @APIResponse(responseCode = "403", ref = "AdminActionRefused")
    @DELETE
    @Path("imagebuilders")
    public JsonObject purgeImageBuilders() {
        return console.purgeImageBuilders();
    }

    @Operation(summary = "Delete one cached ImageBuilder unless a build uses it")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "200", description = "Purged, or busy")
    @APIResponse(responseCode = "404", description = "Not cached on this node", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", ref = "AdminActionRefused")
    @DELETE
    @Path("imagebuilders/{version}/{target: [^/]+/[^/]+}")
    public Response purgeImageBuilder(@PathParam("version") String version, @PathParam("target") String target) {
        return found(console.purgeImageBuilder(version, target), "No cached ImageBuilder " + version + " " + target + " on this node");
    }

    @Operation(summary = "Sync the upstream metadata now")
    @APIResponse(responseCode = "401", ref = "AdminLoginMissing")
    @APIResponse(responseCode = "202", description = "A janitor pass started on this node")
    @APIResponse(responseCode = "409", description = "A pass runs already, on this node or another", content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))
    @APIResponse(responseCode = "403", ref = "AdminActionRefused")
    @POST
    @Path("janitor/sync")
    public Response syncNow() {
        if (!janitor.passNow()) {
            return ErrorBody.response(409, "A janitor pass is running already (on this node or another)");
        }
        return Response.accepted(Json.createObjectBuilder().add("started", true).build()).build();
    }

    private static Response found(Optional<JsonObject> result, String missing) {
        return result.map(json -> Response.ok(json).build()).orElseGet(() -> ErrorBody.response(404, missing));
    }
}

package org.openwrt.asu.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.channels.CancelledKeyException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openwrt.asu.application.BuildQueueUnavailableException;
import org.openwrt.asu.application.BuildRequestRejectedException;
import org.openwrt.asu.application.ServerOverloadedException;
import org.openwrt.asu.domain.InvalidBuildRequestException;
import org.openwrt.asu.domain.Violation;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Every failure becomes the documented JSON answer; nothing reaches the client as an HTML page.
 * On the 2021 API's paths the answer has that API's shape ({@link LegacyErrors}).
 */
final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /**
     * 422 with the violations in FastAPI's list shape under {@code detail}: at most
     * {@code asu.request.max-listed-violations} of them, each input echoed at most
     * {@code asu.request.max-echoed-input} characters long, so that no hostile body makes the
     * answer much larger than a normal one.
     */
    @Provider
    public static class InvalidRequest implements ExceptionMapper<InvalidBuildRequestException> {
        private final int maxListed = ConfigProvider.getConfig().getValue("asu.request.max-listed-violations", Integer.class);
        private final int maxEchoed = ConfigProvider.getConfig().getValue("asu.request.max-echoed-input", Integer.class);

        @Override
        public Response toResponse(InvalidBuildRequestException e) {
            JsonArrayBuilder detail = Json.createArrayBuilder();
            for (Violation violation : e.violations().subList(0, Math.min(maxListed, e.violations().size()))) {
                detail.add(violation.withInputCutTo(maxEchoed).toJson());
            }
            LOG.info(() -> "refused a build request: " + e.violations().size() + " violations, the first "
                    + e.violations().get(0).type() + " at " + e.violations().get(0).loc());
            return ErrorBody.response(422, detail.build());
        }
    }

    @Provider
    public static class RejectedRequest implements ExceptionMapper<BuildRequestRejectedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(BuildRequestRejectedException e) {
            if (LegacyErrors.covers(uri.getPath())) {
                return LegacyErrors.of(400, e.code(), e.legacyMessage());
            }
            return ErrorBody.response(400, e.getMessage());
        }
    }

    @Provider
    public static class Overloaded implements ExceptionMapper<ServerOverloadedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ServerOverloadedException e) {
            if (LegacyErrors.covers(uri.getPath())) {
                return ErrorBody.response(uri, 529, e.getMessage());
            }
            JsonObject body = Json.createObjectBuilder()
                    .add("status", 529).add("title", "Server overloaded").add("detail", e.getMessage()).build();
            return Response.status(529, ErrorBody.reason(529)).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }

    @Provider
    public static class QueueUnavailable implements ExceptionMapper<BuildQueueUnavailableException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(BuildQueueUnavailableException e) {
            LOG.warning(e.getMessage());
            return ErrorBody.response(uri, 503, "the build queue is not available, please try again later");
        }
    }

    @Provider
    public static class RedisUnavailable implements ExceptionMapper<JedisConnectionException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(JedisConnectionException e) {
            LOG.warning(() -> "Redis is not reachable: " + e.getMessage());
            return ErrorBody.response(uri, 503, "the build database is not available, please try again later");
        }
    }

    /**
     * JAX-RS's own answers (404, 405, 406, 415, …) keep their status and headers ({@code Allow})
     * but speak JSON: v1's integer {@code status} and {@code detail}, or on the 2021 paths
     * {@code {"status":"method_not_allowed","message":"Method Not Allowed"}}.
     */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            Response json = ErrorBody.response(uri, original.getStatus(), ErrorBody.reason(original.getStatus()));
            Response.ResponseBuilder builder = Response.fromResponse(json);
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            return builder.build();
        }
    }

    /**
     * A request JAX-RS could not read, such as a header that does not parse ({@code If-None-Match: ?}):
     * the client's fault, a JSON 400 and one log line.
     */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ProcessingException e) {
            LOG.info(() -> "refused " + uri.getPath() + ": " + e.getMessage());
            return ErrorBody.response(uri, 400, "the request could not be read: " + e.getMessage());
        }
    }

    /**
     * The connection closed while a resource read the request body: the HTTP edge cut off a
     * client too slow to send it (asu-ear/http-edge), and has answered it already. One log line,
     * no stack trace; the answer here goes nowhere.
     */
    @Provider
    public static class ConnectionClosed implements ExceptionMapper<CancelledKeyException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(CancelledKeyException e) {
            LOG.info(() -> "the connection closed while the body of " + uri.getPath() + " was read");
            return ErrorBody.response(uri, 408, "the request body did not arrive in time");
        }
    }

    /** Anything unexpected: logged with its stack trace, answered as a JSON 500. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure", e);
            return ErrorBody.response(uri, 500, "Internal Server Error");
        }
    }
}

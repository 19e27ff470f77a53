package org.openwrt.asu.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The v1 error shape every client can read: an integer {@code status} and a {@code detail}. */
public final class ErrorBody {

    private ErrorBody() {
    }

    /** The error in the shape the request's path speaks: v1, or the 2021 API's {@code status} word and {@code message}. */
    public static Response response(UriInfo uri, int status, String detail) {
        return Response.status(status, reason(status)).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(of(uri.getPath(), status, detail)).build();
    }

    /** The body of an error on this request path: v1's, or on the 2021 API's paths that API's. */
    public static JsonObject of(String path, int status, String detail) {
        return LegacyErrors.covers(path) ? LegacyErrors.body(LegacyErrors.word(status), detail)
                : Json.createObjectBuilder().add("status", status).add("detail", detail).build();
    }

    public static Response response(int status, String detail) {
        return response(status, Json.createValue(detail));
    }

    public static Response response(int status, JsonValue detail) {
        JsonObject body = Json.createObjectBuilder().add("status", status).add("detail", detail).build();
        return Response.status(status, reason(status)).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /**
     * RFC 9110's reason phrases, also for the codes JAX-RS has no constant for (it would say
     * "CUSTOM") or names after RFC 2616.
     */
    public static String reason(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 422 -> "Unprocessable Entity";
            case 431 -> "Request Header Fields Too Large";
            case 529 -> "Site is overloaded";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "Error" : known.getReasonPhrase();
            }
        };
    }
}

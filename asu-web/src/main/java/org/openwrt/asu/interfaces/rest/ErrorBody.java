package org.openwrt.asu.interfaces.rest;

import org.openwrt.asu.interfaces.rest.legacy.LegacyErrors;

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
        return LegacyErrors.covers(uri.getPath()) ? LegacyErrors.of(status, LegacyErrors.word(status), detail)
                : response(status, detail);
    }

    public static Response response(int status, String detail) {
        return response(status, Json.createValue(detail));
    }

    public static Response response(int status, JsonValue detail) {
        JsonObject body = Json.createObjectBuilder().add("status", status).add("detail", detail).build();
        return Response.status(status, reason(status)).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Reason phrases for the codes JAX-RS has no constant for (it would say "CUSTOM"). */
    public static String reason(int status) {
        return switch (status) {
            case 422 -> "Unprocessable Entity";
            case 529 -> "Site is overloaded";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "Error" : known.getReasonPhrase();
            }
        };
    }
}

package org.openwrt.asu.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The 2021 API's error shape: a status word and a message, {@code {"status":"bad_target","message":…}}. */
public final class LegacyErrors {

    /** The 2021 API's own paths; everything else ({@code /api/v1}, {@code /json/v1}, {@code /store}) speaks v1. */
    private static final Pattern PATHS = Pattern.compile("/?api/(build(/.*)?|branches/?|latest/?)");

    private LegacyErrors() {
    }

    /** Whether an answer to this request path is read by 2021 clients. */
    public static boolean covers(String path) {
        return path != null && PATHS.matcher(path).matches();
    }

    /** The status word for an HTTP status: 404 {@code not_found}, 405 {@code method_not_allowed}, … */
    public static String word(int httpStatus) {
        return switch (httpStatus) {
            case 503 -> "unavailable";
            case 529 -> "overloaded";
            default -> ErrorBody.reason(httpStatus).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }

    public static Response of(int httpStatus, String status, String message) {
        return Response.status(httpStatus, ErrorBody.reason(httpStatus)).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, message)).build();
    }

    public static JsonObject body(String status, String message) {
        return Json.createObjectBuilder().add("status", status).add("message", message).build();
    }

    /** 422 before anything is queued; auc shows the {@code X-Unknown-Package} header. */
    public static Response unknownPackages(Set<String> packages) {
        String names = String.join(", ", packages);
        return Response.fromResponse(of(422, "bad_packages", "Unsupported package(s): " + names))
                .header("X-Unknown-Package", names).build();
    }
}

package org.openwrt.asu.interfaces.rest;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.openwrt.asu.application.BuildRequestRejectedException;
import org.openwrt.asu.domain.BuildRequest;

/** The 2021 API's error shape: a status word and a message, {@code {"status":"bad_target","message":…}}. */
final class LegacyErrors {

    private LegacyErrors() {
    }

    static Response of(int httpStatus, String status, String message) {
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("status", status).add("message", message).build())
                .build();
    }

    /** The v1 rejection, with the 2021 wording (v1 adds explanations to target and profile errors). */
    static Response rejected(BuildRequestRejectedException e, BuildRequest request) {
        String message = switch (e.code()) {
            case "bad_target" -> "Unsupported target: " + request.target();
            case "bad_profile" -> "Unsupported profile: " + request.profile();
            default -> e.getMessage();
        };
        return of(400, e.code(), message);
    }

    /** 422 before anything is queued; auc shows the {@code X-Unknown-Package} header. */
    static Response unknownPackages(Set<String> packages) {
        String names = String.join(", ", packages);
        return Response.fromResponse(of(422, "bad_packages", "Unsupported package(s): " + names))
                .header("X-Unknown-Package", names).build();
    }
}

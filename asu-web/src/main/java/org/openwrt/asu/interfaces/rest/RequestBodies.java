package org.openwrt.asu.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.openwrt.asu.domain.InvalidBuildRequestException;
import org.openwrt.asu.domain.Violation;

/**
 * Reads a request body as JSON the way the original server does: an absent body is "missing",
 * malformed JSON and non-JSON content types are 422 violations, never a 400 page or a 500.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** @return the parsed body, or null when there was none */
    public static JsonValue json(MediaType contentType, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidBuildRequestException(List.of(new Violation("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", Json.createValue(body), Map.of())));
        }
        JsonLimits.exceeded(body).ifPresent(problem -> {
            throw new InvalidBuildRequestException(List.of(new Violation("json_invalid", List.of("body"),
                    "JSON decode error", Json.createValue(body), Map.of("error", problem))));
        });
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            long offset = e.getLocation() == null ? 0 : e.getLocation().getStreamOffset();
            throw new InvalidBuildRequestException(List.of(new Violation("json_invalid", List.of("body", (int) offset),
                    "JSON decode error", Json.createValue(body), Map.of("error", e.getMessage()))));
        }
    }

    private static boolean isJson(MediaType type) {
        return "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }
}

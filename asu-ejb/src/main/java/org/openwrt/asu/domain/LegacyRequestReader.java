package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * The body rules of the 2021 API ({@code POST /api/build}), beside the v1 {@link BuildRequestReader}
 * that reads the fields. The 2021 server checked, in this order: a body at all, the three
 * required fields (version, target, profile), then distro, branch, version, target and profile
 * (those are {@code RequestValidation}'s, shared with v1), and only then the package lists. So
 * a package list of the wrong shape is not refused here but carried in the answer, for the
 * caller to raise once the device checks have passed.
 */
public final class LegacyRequestReader {

    private static final List<String> REQUIRED = List.of("version", "target", "profile");

    private final BuildRequestReader fields;

    public LegacyRequestReader(BuildRequestReader fields) {
        this.fields = fields;
    }

    /**
     * A 2021 request: the build request, its 12-hex hash (that API's own), and the package-list
     * problem to raise after the device checks, if any.
     */
    public record LegacyRequest(BuildRequest request, String hash, Optional<LegacyRequestException> packagesProblem) {
    }

    /** @throws LegacyRequestException 400 {@code bad_request} for a missing body, a missing field or a field the contract refuses */
    public LegacyRequest read(String body) {
        JsonObject object = objectOf(body);
        for (String required : REQUIRED) {
            if (!object.containsKey(required)) {
                throw badRequest("Missing " + required);
            }
        }
        Optional<LegacyRequestException> packagesProblem = packagesProblem(object);
        JsonObject readable = packagesProblem.isEmpty() ? object
                : Json.createObjectBuilder(object).remove("packages").remove("packages_versions").build();
        BuildRequest request;
        try {
            request = fields.read(readable);
        } catch (InvalidBuildRequestException e) {
            Violation first = e.violations().get(0);
            throw badRequest(String.join(".", first.loc().subList(1, first.loc().size()).stream().map(Object::toString).toList())
                    + ": " + first.msg());
        }
        return new LegacyRequest(request, RequestHash.legacy(object.getString("distro", ""), request), packagesProblem);
    }

    private static Optional<LegacyRequestException> packagesProblem(JsonObject object) {
        if (object.containsKey("packages") && object.get("packages").getValueType() != JsonValue.ValueType.ARRAY) {
            return Optional.of(new LegacyRequestException(422, "bad_packages", "`packages` must be a list of package names"));
        }
        if (object.containsKey("packages") && object.containsKey("packages_versions")) {
            return Optional.of(new LegacyRequestException(400, "duplicate_package_list",
                    "Use either `packages` or `packages_versions`, not both"));
        }
        return Optional.empty();
    }

    private static JsonObject objectOf(String body) {
        if (body == null || body.isBlank()) {
            throw badRequest("Missing request body");
        }
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw badRequest("Request body is not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest("Request body must be a JSON object");
        }
        if (value.asJsonObject().isEmpty()) {
            throw badRequest("Missing request body");
        }
        return value.asJsonObject();
    }

    private static LegacyRequestException badRequest(String message) {
        return new LegacyRequestException(400, "bad_request", message);
    }
}

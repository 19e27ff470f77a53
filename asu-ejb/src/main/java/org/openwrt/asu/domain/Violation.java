package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * One reason why a request body does not fit the build contract, in the shape FastAPI gives
 * its 422 errors (clients and the original test-suite read {@code detail[0].msg}).
 *
 * @param type    machine-readable kind, e.g. {@code missing}, {@code string_pattern_mismatch}
 * @param loc     where: {@code ["body", "packages", 0]}
 * @param msg     human-readable message
 * @param input   the offending value (the whole body for a missing field)
 * @param context extra facts such as the pattern or the limit, may be empty
 */
public record Violation(String type, List<Object> loc, String msg, JsonValue input, Map<String, Object> context) {

    /** This violation with its input cut to at most this many characters of JSON (a longer input reads as a string, ending in "…"). */
    public Violation withInputCutTo(int maxLength) {
        String text = input.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) input).getString() : input.toString();
        if (text.length() <= maxLength) {
            return this;
        }
        return new Violation(type, loc, msg, Json.createValue(text.substring(0, maxLength) + "…"), context);
    }

    public JsonObject toJson() {
        JsonArrayBuilder location = Json.createArrayBuilder();
        for (Object part : loc) {
            if (part instanceof Integer index) {
                location.add(index);
            } else {
                location.add(part.toString());
            }
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", type)
                .add("loc", location)
                .add("msg", msg)
                .add("input", input);
        if (!context.isEmpty()) {
            JsonObjectBuilder ctx = Json.createObjectBuilder();
            context.forEach((key, value) -> {
                if (value instanceof Integer number) {
                    ctx.add(key, number);
                } else {
                    ctx.add(key, value.toString());
                }
            });
            json.add("ctx", ctx);
        }
        return json.build();
    }
}

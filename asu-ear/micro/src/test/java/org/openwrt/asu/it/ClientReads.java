package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a client reads from an answer, each checked for presence and JSON type the way the
 * client would trip over it (Firmware Selector, LuCI, auc, owut): a missing field or one of another type fails the
 * test with the client's name, the answer it came from and the whole object. The getters return
 * the value so a conversation reads on with what the client took from the answer.
 */
final class ClientReads {

    private final String where;
    private final JsonObject object;

    private ClientReads(String where, JsonObject object) {
        this.where = where;
        this.object = object;
    }

    /** {@code where} names the client and the answer, e.g. {@code "auc: 200 of GET /api/v1/build/{hash}"}. */
    static ClientReads of(String where, JsonObject object) {
        return new ClientReads(where, object);
    }

    /** The field is there and of one of the types. */
    JsonValue field(String name, ValueType... types) {
        JsonValue value = object.get(name);
        if (value == null) {
            fail(where + ": the client reads '" + name + "', which is missing from " + object);
        }
        assertTrue(Arrays.asList(types).contains(value.getValueType()),
                where + ": '" + name + "' is " + value.getValueType() + ", the client needs " + Arrays.toString(types)
                        + " in " + object);
        return value;
    }

    /** A field the client reads only when present: absent is fine, another type is not. */
    boolean optional(String name, ValueType... types) {
        if (!object.containsKey(name)) {
            return false;
        }
        field(name, types);
        return true;
    }

    String string(String name) {
        return ((JsonString) field(name, ValueType.STRING)).getString();
    }

    /** A JSON number without a fraction (owut compares body {@code status} with the integer 202). */
    long integer(String name) {
        JsonNumber number = (JsonNumber) field(name, ValueType.NUMBER);
        assertTrue(number.isIntegral(), where + ": '" + name + "' must be an integer, is " + number);
        return number.longValueExact();
    }

    boolean bool(String name) {
        return field(name, ValueType.TRUE, ValueType.FALSE) == JsonValue.TRUE;
    }

    ClientReads object(String name) {
        return new ClientReads(where + " ." + name, field(name, ValueType.OBJECT).asJsonObject());
    }

    JsonArray array(String name) {
        return field(name, ValueType.ARRAY).asJsonArray();
    }

    /** An array of objects, each as the client reads it (e.g. {@code images[]}). */
    List<ClientReads> objects(String name) {
        return each(where + " ." + name, array(name));
    }

    /** Every element of an array of objects, e.g. {@code branches.json}. */
    static List<ClientReads> each(String where, JsonArray array) {
        return java.util.stream.IntStream.range(0, array.size()).mapToObj(index -> {
            JsonValue element = array.get(index);
            assertEquals(ValueType.OBJECT, element.getValueType(), where + "[" + index + "] in " + array);
            return new ClientReads(where + "[" + index + "]", element.asJsonObject());
        }).toList();
    }

    /** An array of strings (e.g. {@code latest}, {@code versions}). */
    List<String> strings(String name) {
        JsonArray array = array(name);
        for (JsonValue element : array) {
            assertEquals(ValueType.STRING, element.getValueType(), where + ": every element of '" + name + "' is a string: " + array);
        }
        return array.getValuesAs(JsonString::getString);
    }

    /** An object whose values are all strings (e.g. {@code manifest}, the package indexes, {@code targets}). */
    Map<String, String> stringMap(String name) {
        return object(name).asStringMap();
    }

    /** This object itself as a map of strings (a flat package index). */
    Map<String, String> asStringMap() {
        Map<String, String> map = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            assertEquals(ValueType.STRING, value.getValueType(), where + ": '" + key + "' must be a string");
            map.put(key, ((JsonString) value).getString());
        });
        return map;
    }

    boolean has(String name) {
        return object.containsKey(name);
    }

    JsonObject json() {
        return object;
    }

    @Override
    public String toString() {
        return where + ": " + object;
    }
}

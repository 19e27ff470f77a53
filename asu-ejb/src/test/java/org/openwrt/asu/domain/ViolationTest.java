package org.openwrt.asu.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void aLongStringInputIsEchoedCutShort() {
        Violation violation = new Violation("string_pattern_mismatch", List.of("body", "client"), "bad",
                Json.createValue("x".repeat(10_000)), Map.of());
        assertEquals(Json.createValue("x".repeat(200) + "…"), violation.withInputCutTo(200).input());
    }

    @Test
    void aLargeListOrObjectInputIsEchoedAsTheStartOfItsJson() {
        var packages = Json.createArrayBuilder();
        for (int i = 0; i < 1000; i++) {
            packages.add("package-" + i);
        }
        Violation violation = new Violation("list_type", List.of("body", "packages"), "bad", packages.build(), Map.of());
        assertEquals(Json.createValue("[\"package-0\",\"package-1\",\"pack…"), violation.withInputCutTo(30).input());
    }

    @Test
    void aShortInputStaysAsItIs() {
        Violation violation = new Violation("missing", List.of("body"), "Field required", Json.createValue(42), Map.of());
        assertSame(violation, violation.withInputCutTo(200));
    }
}

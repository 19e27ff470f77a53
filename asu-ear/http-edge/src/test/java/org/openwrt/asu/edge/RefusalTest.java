package org.openwrt.asu.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void aRefusalIsTheV1ErrorShapeAndClosesTheConnection() {
        String body = "{\"status\":400,\"detail\":\"a \\\"quoted\\\" path\"}";
        String answer = new String(new Refusal(400, "a \"quoted\" path").toBytes(), StandardCharsets.UTF_8);
        assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body, answer);
    }

    @Test
    void aRefusedHeadGetsTheHeadOnly() {
        String answer = new String(new Refusal(408, "late", true).toBytes(), StandardCharsets.UTF_8);
        int body = "{\"status\":408,\"detail\":\"late\"}".length();
        assertEquals("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: " + body
                + "\r\nConnection: close\r\n\r\n", answer);
    }
}

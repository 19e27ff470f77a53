package org.openwrt.asu.interfaces.http;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An error answered at the servlet level, before or outside JAX-RS: the same JSON the resources answer. */
public final class JsonErrorResponse {

    private JsonErrorResponse() {
    }

    public static void send(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

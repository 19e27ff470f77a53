package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one client talks HTTP: HTTP/1.1 as browsers and uclient speak it,
 * redirects followed, the headers it puts on every request ({@code User-Agent}, a browser's
 * {@code Origin}), LuCI's {@code ?<milliseconds>} cache-buster, and bodies sent with a
 * Content-Length (browsers) or chunked (auc, owut). A browser client also needs the CORS answers:
 * its preflights must pass and every answer its script reads must allow its origin. Every
 * client's conversation ends with the same download, checked here.
 */
final class ClientWire {

    /** How the client sends a request body. */
    enum Body { SIZED, CHUNKED }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    private final String client;
    private final URI base;
    private final Map<String, String> everyRequest = new LinkedHashMap<>();
    private String origin;
    private boolean cacheBuster;
    /** Strictly increasing, like LuCI's {@code Date.now()} between two requests. */
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

    ClientWire(String client, URI base) {
        this.client = client;
        this.base = base;
    }

    /** A header sent on every request, e.g. {@code User-Agent: auc/0.3.2}. */
    ClientWire header(String name, String value) {
        everyRequest.put(name, value);
        return this;
    }

    /** A script in a browser page of this origin: sends {@code Origin}, needs the CORS answers. */
    ClientWire browserAt(String pageOrigin) {
        origin = pageOrigin;
        return header("Origin", pageOrigin);
    }

    /** LuCI's request helper: a bare {@code ?<milliseconds>} on every URL. */
    ClientWire cacheBusting() {
        cacheBuster = true;
        return this;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, Body.SIZED, headers);
    }

    HttpResponse<String> head(String path, String... headers) {
        return send("HEAD", path, null, Body.SIZED, headers);
    }

    /** HEAD answers with GET's status and headers and no body (RFC 9110 §9.3.2); call it on a finished build. */
    void headMirrorsGet(String path) {
        HttpResponse<String> head = head(path);
        HttpResponse<String> get = get(path);
        String what = client + ": HEAD " + path;
        assertEquals(get.statusCode(), head.statusCode(), what);
        assertEquals("", head.body(), what);
        for (String name : List.of("Content-Length", "Content-Type", "X-Imagebuilder-Status", "X-Queue-Position")) {
            assertEquals(get.headers().firstValue(name), head.headers().firstValue(name), what + ": " + name);
        }
    }

    /** A JSON POST; the {@code Content-Type: application/json} header every client sends is added. */
    HttpResponse<String> postJson(String path, String json, Body style) {
        return send("POST", path, json, style, "Content-Type", "application/json");
    }

    /** Any request to this server (a path) or to another one (an absolute URL, e.g. the upstream mirror). */
    HttpResponse<String> send(String method, String path, String body, Body style, String... headers) {
        return exchange(method, path, body, style, BodyHandlers.ofString(), headers);
    }

    /**
     * The CORS preflight a browser sends before a request with {@code Content-Type: application/json}
     * (observed in Chromium): it must be answered 2xx and allow the method and header.
     */
    void preflight(String path, String method) {
        HttpResponse<String> answer = send("OPTIONS", path, null, Body.SIZED, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type", "Cache-Control", "max-age=0");
        String what = client + ": preflight of " + method + " " + path;
        assertEquals(2, answer.statusCode() / 100, what + ": " + answer.statusCode());
        String methods = answer.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(methods.toUpperCase(Locale.ROOT).contains(method), what + " allows " + methods);
        String allowed = answer.headers().firstValue("Access-Control-Allow-Headers").orElse("");
        assertTrue(allowed.toLowerCase(Locale.ROOT).contains("content-type"), what + " allows headers " + allowed);
    }

    /**
     * {@code GET /store/{bin_dir}/{name}}, checked as the clients check it: 200, a
     * {@code Content-Length} equal to the bytes received (auc compares them) and a sha256 equal to
     * the image's {@code sha256} (LuCI, auc and owut compare it before flashing).
     */
    byte[] download(String binDir, ClientReads image, String... headers) {
        String path = "/store/" + binDir + "/" + image.string("name");
        HttpResponse<byte[]> answer = exchange("GET", path, null, Body.SIZED, BodyHandlers.ofByteArray(), headers);
        String what = client + ": GET " + path;
        assertEquals(200, answer.statusCode(), what);
        String length = answer.headers().firstValue("Content-Length").orElse(null);
        assertEquals(Integer.toString(answer.body().length), length, what + ": Content-Length");
        assertEquals(image.string("sha256"), sha256(answer.body()), what + ": sha256 of the bytes");
        return answer.body();
    }

    static JsonObject json(HttpResponse<String> answer) {
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError(answer.request().method() + " " + answer.uri() + " answered "
                    + answer.statusCode() + " without a JSON object, which the clients parse: " + answer.body(), e);
        }
    }

    static JsonArray jsonArray(HttpResponse<String> answer) {
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readArray();
        } catch (RuntimeException e) {
            throw new AssertionError(answer.uri() + " answered " + answer.statusCode() + " without a JSON array: " + answer.body(), e);
        }
    }

    private <T> HttpResponse<T> exchange(String method, String path, String body, Body style, BodyHandler<T> handler,
                                         String... headers) {
        URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path);
        if (cacheBuster && !path.startsWith("http")) {
            uri = URI.create(uri + "?" + now.incrementAndGet());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, publisher(body, style));
        everyRequest.forEach(request::header);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<T> answer;
        try {
            answer = http.send(request.build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(client + ": " + method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (!path.startsWith("http")) {
            checkAnswer(method, uri, answer);
        }
        if (origin != null && !path.startsWith("http")) {
            String allowed = answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
            assertTrue("*".equals(allowed) || origin.equals(allowed),
                    client + ": the browser hides " + method + " " + uri + " from the script without "
                            + "Access-Control-Allow-Origin, got " + allowed);
        }
        return answer;
    }

    /**
     * What every client may rely on in every answer of this server: a JSON answer says its
     * {@code Content-Length} (uclient wants it; HEAD says GET's), and every answer of the build
     * API has one shape at every stage.
     */
    private void checkAnswer(String method, URI uri, HttpResponse<?> answer) {
        String what = client + ": " + method + " " + uri + " (" + answer.statusCode() + ")";
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return;
        }
        assertTrue(answer.headers().firstValue("Transfer-Encoding").isEmpty(), what + " is sent chunked");
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (method.equals("HEAD")) {
            assertTrue(length > 0, what + ": HEAD carries the Content-Length of GET's body, got " + length);
            return;
        }
        byte[] body = answer.body() instanceof byte[] bytes ? bytes : answer.body().toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(body.length, length, what + ": Content-Length");
        if (uri.getPath().startsWith("/api/v1/build") && Set.of(200, 202, 500).contains(answer.statusCode())) {
            buildState(what, answer.headers(), answer.statusCode(), new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * The v1 build state, the same keys at every stage (queued, started, done, failed) and
     * headers that agree with the body: status, detail, imagebuilder_status, the request as
     * accepted (with {@code packages_versions}' names as its packages), enqueued_at, request_hash.
     */
    private static void buildState(String what, HttpHeaders headers, int status, String body) {
        ClientReads state;
        try (var reader = Json.createReader(new StringReader(body))) {
            state = ClientReads.of(what, reader.readObject());
        }
        assertEquals(status, state.integer("status"), what);
        String detail = state.string("detail");
        String stage = state.string("imagebuilder_status");
        assertEquals(stage, headers.firstValue("X-Imagebuilder-Status").orElse(null), what + ": X-Imagebuilder-Status");
        String position = headers.firstValue("X-Queue-Position").orElse("");
        assertTrue(position.matches("\\d+"), what + ": X-Queue-Position " + position);
        if (detail.equals("queued")) {
            assertEquals(Long.parseLong(position), state.integer("queue_position"), what + ": queue_position");
        }
        ClientReads request = state.object("request");
        request.string("version");
        request.string("target");
        request.string("profile");
        List<String> packages = request.strings("packages");
        Map<String, String> packagesVersions = request.stringMap("packages_versions");
        assertTrue(packages.containsAll(packagesVersions.keySet()), what + ": the echoed packages name packages_versions' "
                + packagesVersions.keySet() + ", got " + packages);
        state.string("enqueued_at");
        state.string("request_hash");
    }

    private static BodyPublisher publisher(String body, Body style) {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // a publisher of unknown length makes HttpClient send Transfer-Encoding: chunked
        return style == Body.CHUNKED ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : BodyPublishers.ofByteArray(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

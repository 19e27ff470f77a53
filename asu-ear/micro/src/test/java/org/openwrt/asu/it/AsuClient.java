package org.openwrt.asu.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Talks to a running server over real HTTP, the way clients do. */
final class AsuClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Map<String, String> headers;

    AsuClient(URI base) {
        this(base, Map.of());
    }

    private AsuClient(URI base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** The same client, sending this header with every request too. */
    AsuClient with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AsuClient(base, more);
    }

    /** The same client, logged in with HTTP Basic authentication. */
    AsuClient loggedIn(String user, String password) {
        return with("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The server's root. */
    URI base() {
        return base;
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder request = builder(path).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** A JSON POST as a client that names itself in the User-Agent header ({@code auc (0.3.2)}). */
    HttpResponse<String> postJson(String path, String json, String userAgent) {
        return send(builder(path).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String path) {
        return send(builder(path).timeout(Duration.ofSeconds(30)).GET().build());
    }

    HttpResponse<String> request(String method, String path) {
        return send(builder(path).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Polls a build until it is no longer 202, or fails after the timeout. */
    HttpResponse<String> awaitFinished(String requestHash, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> response = get("/api/v1/build/" + requestHash);
        while (response.statusCode() == 202 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = get("/api/v1/build/" + requestHash);
        }
        return response;
    }

    /**
     * Waits (up to two minutes) until a janitor pass has completed on the server's Redis, as the
     * readiness check {@code upstream-metadata} reports: from then on every synced version,
     * target and feed of the miniature upstream is there and build requests validate against it.
     * (Test classes share the Redis and metadata is never deleted, so a pass of an earlier class
     * counts; BuildFlowIT's Redis restart empties it, and then this class's own first pass does.)
     */
    void awaitFirstSync() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!lastSyncSucceeded() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    private boolean lastSyncSucceeded() {
        JsonArray checks = json(get("/health/ready")).getJsonArray("checks");
        return checks != null && checks.getValuesAs(JsonObject.class).stream()
                .filter(check -> "upstream-metadata".equals(check.getString("name")))
                .map(check -> check.getJsonObject("data"))
                .anyMatch(data -> data != null && !"never".equals(data.getString("last_success", "never")));
    }

    /** Polls a build until a builder has started it, or fails after the timeout. */
    void awaitStarted(String requestHash, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if ("started".equals(json(get("/api/v1/build/" + requestHash)).getString("detail"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build " + requestHash + " did not start within " + timeout);
    }

    /** A download, optionally of a byte range ({@code bytes=100-}). */
    HttpResponse<byte[]> getBytes(String path, String range) {
        HttpRequest.Builder request = builder(path).timeout(Duration.ofSeconds(30)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A download from a store that answers with a redirect (S3), following it once: the bytes at the Location. */
    byte[] downloadRedirected(String path) {
        HttpResponse<String> redirect = get(path);
        if (redirect.statusCode() != 302) {
            throw new AssertionError("GET " + path + " answered " + redirect.statusCode() + ", not 302: " + redirect.body());
        }
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> download = send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (download.statusCode() != 200) {
            throw new AssertionError("GET " + location + " answered " + download.statusCode());
        }
        return download.body();
    }

    /** The SHA-256 of the bytes in lower-case hex, as a build's images list it. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        headers.forEach(request::header);
        return request;
    }

    static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

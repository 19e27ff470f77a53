package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport rules every client relies on, over real HTTP/1.1:
 * CORS headers on every kind of answer and preflights on every route (the browsers: Firmware
 * Selector, LuCI), chunked request bodies (auc, owut), LuCI's valueless {@code ?<timestamp>}
 * query string, and errors as JSON in the shape of the API the path belongs to. Nothing here
 * waits for a build to finish: an accepted request is enough.
 */
@AsuServer.Deployed
class TransportRulesIT {

    private static final String ORIGIN = "http://192.168.1.1";
    private static final String BUILD = "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\","
            + "\"profile\":\"tplink_archer-c7-v5\",\"packages\":[\"vim\"],\"client\":\"transport-test\"}";
    private static final String LEGACY_BUILD = "{\"version\":\"24.10.2\",\"target\":\"ath79/generic\","
            + "\"profile\":\"tplink_archer-c7-v5\",\"packages\":[\"luci\"]}";
    private static final List<String> EXPOSED =
            List.of("x-imagebuilder-status", "x-queue-position", "x-unknown-package", "content-length", "content-disposition");
    private static final String STORED_FILE = "transport-rules-it/image.bin";
    private static final byte[] STORED_BYTES = "not really an image, but bytes from the store\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    @BeforeEach
    void serverAfterTheJanitorsFirstSync(URI base) throws Exception {
        this.base = base;
        Instant deadline = Instant.now().plusSeconds(120);
        while (!send("GET", "/json/v1/overview.json", null).body().contains("ath79/generic")
                || !send("GET", "/json/v1/releases/24.10.2/packages/mips_24kc-index.json", null).body().contains("\"vim\"")) {
            assertTrue(Instant.now().isBefore(deadline), "the janitor did not sync ath79/generic within 2 minutes");
            Thread.sleep(500);
        }
        Path stored = Path.of(System.getProperty("asu.it.dir"), "arquillian", "store").resolve(STORED_FILE);
        Files.createDirectories(stored.getParent());
        Files.write(stored, STORED_BYTES);
    }

    @Test
    void preflightsAreAnswered204OnEveryRoute() throws Exception {
        for (String path : List.of("/api/v1/build", "/api/v1/build/" + "0".repeat(64), "/api/build", "/api/build/0222f0cd9290",
                "/api/v1/overview", "/json/v1/overview.json", "/api/v1/revision/24.10.2/ath79/generic",
                "/store/" + STORED_FILE, "/api/v1/build?1718000000000", "/no/such/route")) {
            for (String method : List.of("POST", "GET")) {
                HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .method("OPTIONS", BodyPublishers.noBody())
                        .header("Origin", ORIGIN).header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "content-type").header("Cache-Control", "max-age=0")
                        .build(), BodyHandlers.ofString());
                String what = "OPTIONS " + path + " for " + method;
                assertEquals(204, preflight.statusCode(), what + ": " + preflight.body());
                assertEquals("", preflight.body(), what);
                assertCrossOrigin(preflight.headers(), what);
                assertEquals(Set.of("GET", "HEAD", "POST", "OPTIONS"), tokens(preflight.headers(), "Access-Control-Allow-Methods", true), what);
                assertTrue(tokens(preflight.headers(), "Access-Control-Allow-Headers", false).contains("content-type"), what);
                long maxAge = Long.parseLong(preflight.headers().firstValue("Access-Control-Max-Age").orElseThrow());
                assertTrue(maxAge >= 600, what + ": Max-Age " + maxAge);
            }
        }
        HttpResponse<String> moreHeaders = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/build"))
                .method("OPTIONS", BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-requested-with").build(), BodyHandlers.ofString());
        assertEquals(204, moreHeaders.statusCode());
        assertTrue(tokens(moreHeaders.headers(), "Access-Control-Allow-Headers", false)
                .containsAll(Set.of("content-type", "x-requested-with")), moreHeaders.headers().map().toString());
    }

    @Test
    void everyKindOfAnswerCarriesTheCrossOriginHeaders() throws Exception {
        HttpResponse<String> accepted = send("POST", "/api/v1/build", BUILD);
        assertAccepted(accepted);
        assertCrossOrigin(accepted.headers(), "POST /api/v1/build");
        String hash = json(accepted).getString("request_hash");

        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> poll = send(method, "/api/v1/build/" + hash, null);
            assertTrue(Set.of(200, 202).contains(poll.statusCode()), method + " poll: " + poll.statusCode());
            assertCrossOrigin(poll.headers(), method + " /api/v1/build/{hash}");
        }
        HttpResponse<String> legacy = send("POST", "/api/build", LEGACY_BUILD);
        assertTrue(Set.of(200, 202).contains(legacy.statusCode()), legacy.body());
        assertCrossOrigin(legacy.headers(), "POST /api/build");
        for (String path : List.of("/json/v1/overview.json", "/json/v1/branches.json", "/api/branches", "/api/latest",
                "/api/v1/revision/24.10.2/ath79/generic")) {
            HttpResponse<String> document = send("GET", path, null);
            assertEquals(200, document.statusCode(), path + ": " + document.body());
            assertCrossOrigin(document.headers(), path);
        }
        for (String path : List.of("/api/v1/overview", "/api/overview", "/overview", "/api/v1/latest")) {
            HttpResponse<String> redirect = send("GET", path, null);
            assertEquals(301, redirect.statusCode(), path);
            assertCrossOrigin(redirect.headers(), path);
        }
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> download = send(method, "/store/" + STORED_FILE, null);
            assertEquals(200, download.statusCode(), method + " /store");
            assertEquals(String.valueOf(STORED_BYTES.length), download.headers().firstValue("Content-Length").orElseThrow());
            assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().contains("image.bin"));
            assertCrossOrigin(download.headers(), method + " /store");
        }
        // errors: mapped by the application, and JAX-RS's own
        assertCrossOrigin(send("GET", "/api/v1/build/" + "0".repeat(64), null).headers(), "unknown hash");
        assertCrossOrigin(send("POST", "/api/v1/build", "{\"version\":").headers(), "422");
        assertCrossOrigin(send("POST", "/api/build", LEGACY_BUILD.replace("luci", "no-such-package")).headers(), "legacy 422");
        assertCrossOrigin(send("GET", "/store/transport-rules-it/missing.bin", null).headers(), "store 404");
        assertCrossOrigin(send("GET", "/no/such/route", null).headers(), "JAX-RS 404");
        assertCrossOrigin(send("POST", "/api/v1/build/" + hash, "{}").headers(), "JAX-RS 405");
        assertCrossOrigin(sendAccepting("text/plain", "/json/v1/overview.json").headers(), "JAX-RS 406");
    }

    @Test
    void chunkedRequestBodiesAreAccepted() throws Exception {
        HttpResponse<String> sized = send("POST", "/api/v1/build", BUILD);
        assertAccepted(sized);
        // a body publisher of unknown length makes HttpClient send Transfer-Encoding: chunked, as auc and owut do
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/build"))
                .header("Content-Type", "application/json").header("User-Agent", "owut/2025.04.01")
                .POST(chunked(BUILD)).build(), BodyHandlers.ofString());
        assertAccepted(chunked);
        assertEquals(json(sized).getString("request_hash"), json(chunked).getString("request_hash"), chunked.body());

        HttpResponse<String> chunkedLegacy = http.send(HttpRequest.newBuilder(base.resolve("/api/build"))
                .header("Content-Type", "application/json").POST(chunked(LEGACY_BUILD)).build(), BodyHandlers.ofString());
        assertTrue(Set.of(200, 202).contains(chunkedLegacy.statusCode()), chunkedLegacy.body());
        assertTrue(json(chunkedLegacy).getString("request_hash").matches("[0-9a-f]{12}"), chunkedLegacy.body());

        HttpResponse<String> chunkedInvalid = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/build"))
                .header("Content-Type", "application/json").POST(chunked("{\"version\":\"24.10.2\"}")).build(),
                BodyHandlers.ofString());
        assertEquals(422, chunkedInvalid.statusCode(), chunkedInvalid.body());
        assertEquals(422, json(chunkedInvalid).getInt("status"));
    }

    @Test
    void unknownAndValuelessQueryStringsAreIgnored() throws Exception {
        HttpResponse<String> plain = send("POST", "/api/v1/build", BUILD);
        assertAccepted(plain);
        String hash = json(plain).getString("request_hash");
        HttpResponse<String> busted = send("POST", "/api/v1/build?1718000000000", BUILD);
        assertAccepted(busted);
        assertEquals(hash, json(busted).getString("request_hash"));
        assertEquals(hash, json(send("POST", "/api/v1/build?123", BUILD)).getString("request_hash"));

        HttpResponse<String> poll = send("GET", "/api/v1/build/" + hash + "?1718000000001", null);
        assertTrue(Set.of(200, 202).contains(poll.statusCode()), poll.body());
        assertEquals(hash, json(poll).getString("request_hash"));
        assertEquals(404, send("GET", "/api/v1/build/" + "0".repeat(64) + "?1718000000002", null).statusCode());

        HttpResponse<String> overview = send("GET", "/api/v1/overview?1718000000003", null);
        assertEquals(301, overview.statusCode());
        assertTrue(overview.headers().firstValue("Location").orElseThrow().contains("/json/v1/overview.json"));
        HttpResponse<String> document = send("GET", "/json/v1/overview.json?1718000000004&unknown=yes", null);
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("ath79/generic"));
        assertEquals(200, send("GET", "/api/v1/revision/24.10.2/ath79/generic?1718000000005", null).statusCode());

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(base.resolve("/store/" + STORED_FILE + "?1718000000006"))
                .header("Origin", ORIGIN).header("Content-Type", "application/x-www-form-urlencoded").GET().build(),
                BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(STORED_BYTES, download.body());

        HttpResponse<String> legacy = send("POST", "/api/build?1718000000007", LEGACY_BUILD);
        assertTrue(Set.of(200, 202).contains(legacy.statusCode()), legacy.body());
        assertEquals(200, send("GET", "/api/branches?1718000000008", null).statusCode());
    }

    @Test
    void errorsAreJsonWithAnIntegerStatusAndDetailOnV1Paths() throws Exception {
        assertV1Error(send("GET", "/no/such/route", null), 404);
        assertV1Error(send("GET", "/api/v1/no-such-endpoint", null), 404);
        assertV1Error(send("GET", "/api/v1/build/" + "0".repeat(64), null), 404);
        assertV1Error(send("GET", "/store/transport-rules-it/missing.bin", null), 404);
        HttpResponse<String> notAllowed = send("POST", "/api/v1/build/" + "0".repeat(64), "{}");
        assertV1Error(notAllowed, 405);
        assertTrue(notAllowed.headers().firstValue("Allow").isPresent(), "405 keeps its Allow header");
        assertV1Error(send("DELETE", "/api/v1/build", null), 405);
        assertV1Error(send("PUT", "/json/v1/overview.json", "{}"), 405);
        assertV1Error(sendAccepting("text/plain", "/json/v1/overview.json"), 406);
        assertV1Error(send("POST", "/api/v1/build", "{\"version\":"), 422);
        HttpResponse<String> invalid = send("POST", "/api/v1/build", "{\"version\":\"24.10.2\"}");
        assertEquals(422, invalid.statusCode());
        assertEquals(JsonValue.ValueType.ARRAY, json(invalid).get("detail").getValueType(), invalid.body());
    }

    @Test
    void errorsOnThe2021PathsHaveThatApisShape() throws Exception {
        assertLegacyError(send("GET", "/api/build/0222f0cd9290", null), 404, "not_found");
        assertLegacyError(send("POST", "/api/build/0222f0cd9290", "{}"), 405, "method_not_allowed");
        assertLegacyError(send("DELETE", "/api/build", null), 405, "method_not_allowed");
        assertLegacyError(send("POST", "/api/branches", "{}"), 405, "method_not_allowed");
        assertLegacyError(send("PUT", "/api/latest", "{}"), 405, "method_not_allowed");
        assertLegacyError(sendAccepting("text/plain", "/api/branches"), 406, "not_acceptable");
        assertLegacyError(send("POST", "/api/build", "{}"), 400, "bad_request");
        assertLegacyError(send("POST", "/api/build", LEGACY_BUILD.replace("luci", "no-such-package")), 422, "bad_packages");
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Origin", ORIGIN)
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> sendAccepting(String accept, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Origin", ORIGIN).header("Accept", accept).GET().build(), BodyHandlers.ofString());
    }

    private static BodyPublisher chunked(String body) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertTrue(Set.of(200, 202).contains(response.statusCode()), response.statusCode() + " " + response.body());
        assertTrue(json(response).containsKey("request_hash"), response.body());
    }

    private static void assertCrossOrigin(HttpHeaders headers, String what) {
        assertEquals("*", headers.firstValue("Access-Control-Allow-Origin").orElse(null), what + ": " + headers.map());
        assertTrue(tokens(headers, "Access-Control-Expose-Headers", false).containsAll(EXPOSED), what + ": " + headers.map());
    }

    private static Set<String> tokens(HttpHeaders headers, String name, boolean keepCase) {
        return headers.allValues(name).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(token -> !token.isEmpty())
                .map(token -> keepCase ? token : token.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static void assertV1Error(HttpResponse<String> response, int status) {
        String what = response.request().method() + " " + response.uri() + ": " + response.body();
        assertEquals(status, response.statusCode(), what);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        JsonObject body = json(response);
        assertEquals(JsonValue.ValueType.NUMBER, body.get("status").getValueType(), what);
        assertEquals(status, body.getInt("status"), what);
        assertTrue(body.containsKey("detail"), what);
    }

    private static void assertLegacyError(HttpResponse<String> response, int status, String word) {
        String what = response.request().method() + " " + response.uri() + ": " + response.body();
        assertEquals(status, response.statusCode(), what);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        JsonObject body = json(response);
        assertEquals(word, body.getString("status"), what);
        assertFalse(body.getString("message").isBlank(), what);
        assertFalse(body.containsKey("detail"), what);
    }

    private static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}

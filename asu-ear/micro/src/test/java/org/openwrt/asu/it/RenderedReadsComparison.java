package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds the read path's shortcut (RenderedReads, a servlet filter that answers from rendered
 * bytes ahead of JAX-RS, GETs and the POST of a request built before) to the resources' own answers: the same path is asked as clients ask
 * it, which the filter answers once the resource has rendered it, and with an {@code Accept}
 * that lists a refused type ({@code text/plain;q=0}), which the filter leaves to the resources
 * although they answer it with the same JSON. Status, every header but {@code Date}, and the
 * body bytes must be equal: plain, gzip, from another origin, HEAD, and with
 * {@code If-None-Match} (the tag the first answer gave, and another). {@code Connection: close}
 * is the container's (its keep-alive request limit) and may fall on either.
 */
final class RenderedReadsComparison {

    private static final String TO_THE_RESOURCES = "application/json, text/plain;q=0";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;

    RenderedReadsComparison(URI base) {
        this.base = base;
    }

    /** Asserts the filter's answers equal the resources' for {@code path}; returns how many were compared. */
    int assertSameAsTheResources(String path) {
        HttpResponse<byte[]> first = send("GET", path, Map.of());
        String etag = first.headers().firstValue("ETag").orElse("\"none\"");
        List<Map<String, String>> variants = List.of(Map.of(), Map.of("Accept-Encoding", "gzip, deflate"),
                Map.of("Origin", "https://firmware-selector.example"), Map.of("If-None-Match", etag),
                Map.of("If-None-Match", "\"other\", W/" + etag), Map.of("If-None-Match", "\"other\""));
        int compared = 0;
        for (String method : List.of("GET", "HEAD")) {
            for (Map<String, String> headers : variants) {
                HttpResponse<byte[]> viaFilter = send(method, path, headers);
                Map<String, String> toResources = new TreeMap<>(headers);
                toResources.put("Accept", TO_THE_RESOURCES);
                HttpResponse<byte[]> viaResources = send(method, path, toResources);
                String what = method + " " + path + " " + headers;
                assertEquals(viaResources.statusCode(), viaFilter.statusCode(), what);
                assertEquals(comparable(viaResources.headers()), comparable(viaFilter.headers()), what);
                assertArrayEquals(viaResources.body(), viaFilter.body(), what);
                compared++;
            }
        }
        return compared;
    }

    /** The same for a POST of a request built before, plain and gzip, with and without a charset. */
    void assertSamePostAsTheResources(String path, String body) {
        for (Map<String, String> headers : List.of(Map.of("Content-Type", "application/json"),
                Map.of("Content-Type", "application/json; charset=utf-8", "Accept-Encoding", "gzip"))) {
            Map<String, String> toResources = new TreeMap<>(headers);
            toResources.put("Accept", TO_THE_RESOURCES);
            HttpResponse<byte[]> viaFilter = send("POST", path, headers, body);
            HttpResponse<byte[]> viaResources = send("POST", path, toResources, body);
            String what = "POST " + path + " " + headers;
            assertEquals(200, viaFilter.statusCode(), what);
            assertEquals(viaResources.statusCode(), viaFilter.statusCode(), what);
            assertEquals(comparable(viaResources.headers()), comparable(viaFilter.headers()), what);
            assertArrayEquals(viaResources.body(), viaFilter.body(), what);
        }
    }

    private static Map<String, List<String>> comparable(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            if (!Set.of("date", "connection", ":status").contains(name.toLowerCase())) {
                kept.put(name.toLowerCase(), new ArrayList<>(values));
            }
        });
        return kept;
    }

    private HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) {
        return send(method, path, headers, null);
    }

    private HttpResponse<byte[]> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

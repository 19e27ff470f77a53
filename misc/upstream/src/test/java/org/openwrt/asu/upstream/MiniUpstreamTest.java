package org.openwrt.asu.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side: validators, conditional requests, HEAD, the request log and the fault switch. */
class MiniUpstreamTest {

    private static final String PROFILES = "/releases/24.10.2/targets/ath79/generic/profiles.json";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MiniUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = MiniUpstream.start(GeneratedTree.root(), 0);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void getServesTheFileWithValidators() throws Exception {
        HttpResponse<byte[]> response = get(PROFILES);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Mon, 23 Jun 2025 20:40:36 GMT", response.headers().firstValue("Last-Modified").orElseThrow());
        assertTrue(response.headers().firstValue("ETag").orElseThrow().matches("\"[0-9a-f]+-[0-9a-f]+\""));
        byte[] expected = Files.readAllBytes(GeneratedTree.root().resolve(PROFILES.substring(1)));
        assertEquals(expected.length, response.body().length);
    }

    @Test
    void conditionalGetWithMatchingEtagAnswersNotModified() throws Exception {
        String etag = get(PROFILES).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = get(PROFILES, "If-None-Match", etag);

        assertEquals(304, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(List.of(new MiniUpstream.Request("GET", PROFILES, false, 200),
                new MiniUpstream.Request("GET", PROFILES, true, 304)), upstream.requests(PROFILES));
    }

    @Test
    void conditionalGetWithIfModifiedSinceAnswersNotModifiedUntilTheFileChanges() throws Exception {
        String lastModified = get(PROFILES).headers().firstValue("Last-Modified").orElseThrow();

        assertEquals(304, get(PROFILES, "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, get(PROFILES, "If-Modified-Since", "Sun, 01 Jun 2025 00:00:00 GMT").statusCode());
        assertEquals(200, get(PROFILES, "If-None-Match", "\"stale\"").statusCode());
        assertEquals(2, upstream.requests().stream().filter(r -> r.conditional() && !r.notModified()).count());
    }

    @Test
    void headSendsTheLengthWithoutABody() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(PROFILES))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(Files.size(GeneratedTree.root().resolve(PROFILES.substring(1))),
                Long.parseLong(response.headers().firstValue("Content-Length").orElseThrow()));
        assertEquals(0, response.body().length);
    }

    @Test
    void faultSwitchAnswers500Or404UntilServingNormally() throws Exception {
        upstream.failRequests(500);
        assertEquals(500, get(PROFILES).statusCode());

        upstream.failRequests(404, "/snapshots/");
        assertEquals(404, get("/snapshots/.targets.json").statusCode());
        assertEquals(200, get("/releases/24.10.2/.targets.json").statusCode());

        upstream.serveNormally();
        assertEquals(200, get("/snapshots/.targets.json").statusCode());
    }

    @Test
    void hangingRequestsTimeOutAtTheClient() throws Exception {
        upstream.hangRequests();

        HttpRequest request = HttpRequest.newBuilder(uri(PROFILES)).timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));

        upstream.serveNormally();
        assertEquals(200, get(PROFILES).statusCode());
    }

    @Test
    void missingFilesAndPathsOutsideTheTreeAreNotFound() throws Exception {
        assertEquals(404, get("/releases/1.2.3/.targets.json").statusCode());
        assertEquals(404, get("/releases/../../pom.xml").statusCode());
    }

    @Test
    void symlinkedBranchFeedsAreServed() throws Exception {
        assertEquals(200, get("/releases/24.10.2/packages/mips_24kc/base/Packages.gz").statusCode());
    }

    @Test
    void targetsDirectoryOffersTheIndexJsonViews() throws Exception {
        HttpResponse<byte[]> response = get("/releases/24.10.2/targets/?json-targets");

        assertEquals("[\"ath79/generic\",\"mediatek/filogic\",\"ramips/mt7621\",\"x86/64\"]",
                new String(response.body()));
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create(upstream.url() + path);
    }
}

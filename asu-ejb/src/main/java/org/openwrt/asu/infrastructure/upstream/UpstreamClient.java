package org.openwrt.asu.infrastructure.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile.Validators;

/** GETs files below {@code asu.upstream.url}, conditionally when validators are known. Thread-safe. */
@ApplicationScoped
public class UpstreamClient {

    private String baseUrl;
    private Duration requestTimeout;
    private HttpClient http;

    protected UpstreamClient() {
    }

    @Inject
    public UpstreamClient(@ConfigProperty(name = "asu.upstream.url") String baseUrl,
                          @ConfigProperty(name = "asu.upstream.connect-timeout") Duration connectTimeout,
                          @ConfigProperty(name = "asu.upstream.request-timeout") Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The configured upstream URL without a trailing slash, as clients are told it. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * @param path  below the upstream URL, starting with {@code /}
     * @param known validators of the copy we hold, or {@link Validators#NONE}
     * @throws IOException on a network failure or a timeout
     */
    public UpstreamFile get(String path, Validators known) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout).GET();
        if (!known.etag().isEmpty()) {
            request.header("If-None-Match", known.etag());
        }
        if (!known.lastModified().isEmpty()) {
            request.header("If-Modified-Since", known.lastModified());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 304) {
            return new UpstreamFile(304, "", known);
        }
        Validators received = new Validators(response.headers().firstValue("ETag").orElse(""),
                response.headers().firstValue("Last-Modified").orElse(""));
        String body = response.statusCode() == 200 ? new String(response.body(), StandardCharsets.UTF_8) : "";
        return new UpstreamFile(response.statusCode(), body, received);
    }
}

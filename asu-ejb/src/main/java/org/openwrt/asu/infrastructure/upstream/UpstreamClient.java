package org.openwrt.asu.infrastructure.upstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile.Validators;

/**
 * GETs files below {@code asu.upstream.url}, conditionally when validators are known, or streams
 * one to disk; within {@code asu.upstream.connect-timeout} and {@code asu.upstream.request-timeout}.
 * Thread-safe.
 */
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
        HttpResponse<byte[]> response = http.send(request(path, known, requestTimeout), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 304) {
            return new UpstreamFile(304, "", known);
        }
        String body = response.statusCode() == 200 ? new String(response.body(), StandardCharsets.UTF_8) : "";
        return new UpstreamFile(response.statusCode(), body, validatorsOf(response));
    }

    /**
     * Streams a file to disk without holding it in memory (an ImageBuilder archive has hundreds of
     * megabytes), hashing it on the way.
     *
     * @param timeout how long the whole transfer may take (the connect timeout applies as for {@link #get})
     * @return the HTTP status and, for a 200 (the only status that writes {@code into}), the file's sha256
     * @throws IOException on a network failure or a timeout
     */
    public Download download(String path, Path into, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(path, Validators.NONE, timeout), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return new Download(response.statusCode(), "");
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(into), sha256)) {
                body.transferTo(out);
            }
            return new Download(200, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** @param sha256 of the downloaded file, lower-case hex; empty unless the status is 200 */
    public record Download(int status, String sha256) {
    }

    private HttpRequest request(String path, Validators known, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET();
        if (!known.etag().isEmpty()) {
            request.header("If-None-Match", known.etag());
        }
        if (!known.lastModified().isEmpty()) {
            request.header("If-Modified-Since", known.lastModified());
        }
        return request.build();
    }

    private static Validators validatorsOf(HttpResponse<?> response) {
        return new Validators(response.headers().firstValue("ETag").orElse(""),
                response.headers().firstValue("Last-Modified").orElse(""));
    }
}

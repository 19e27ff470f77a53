package org.openwrt.asu.interfaces.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.BuildService;
import org.openwrt.asu.application.FinishedBuildAnswers;
import org.openwrt.asu.application.RenderedJson;
import org.openwrt.asu.application.RenderedMetadata;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildRequestReader;
import org.openwrt.asu.domain.ClientName;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.interfaces.rest.CachedJson;
import org.openwrt.asu.interfaces.rest.RequestBodies;
import org.openwrt.asu.interfaces.rest.CrossOriginPolicy;
import org.openwrt.asu.interfaces.rest.v1.BuildResponses;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The most frequent reads answered from what this node rendered before, ahead of JAX-RS: a
 * finished build's GET (v1 and 2021), a v1 POST of a request built before (read, hashed and
 * counted as the resource does), every {@code /json/v1/…} document and the 2021
 * {@code /api/branches}, {@code /api/latest}. The answer is the one the resources give — the
 * same bytes and headers (RenderedReadsComparison in the integration tests holds them to it) —
 * without the cost of resource dispatch per request. Whatever this filter does not find
 * rendered, or any request out of the ordinary (an escaped or unusual path, an {@code Accept}
 * that might refuse JSON), goes on to the resources, which render it and keep it for the next
 * read; so does a read when Redis fails (the resources answer that 503). Mapped in web.xml,
 * behind RequestFraming. Servlet filters are created by the container, hence field injection.
 */
public class RenderedReads extends HttpFilter {

    private static final Pattern REQUEST_HASH = Pattern.compile("[0-9a-f]{64}");
    /** A path the resources match literally: no escapes, parameters, empty or dot segments. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_+-][A-Za-z0-9_.+-]*)+");
    private static final Pattern ZERO_WEIGHT = Pattern.compile("q=0(\\.0*)?(?![.0-9])");
    private static final String V1_SUBMIT = "/api/v1/build";
    private static final String V1_BUILD = "/api/v1/build/";
    private static final String LEGACY_BUILD = "/api/build/";
    private static final String METADATA = "/json/v1/";

    @Inject
    FinishedBuildAnswers builds;

    @Inject
    BuildService service;

    @Inject
    BuildRequestReader reader;

    @Inject
    @ConfigProperty(name = "asu.request.max-body-bytes")
    int maxBodyBytes;

    @Inject
    RenderedMetadata metadata;

    @Inject
    CrossOriginPolicy crossOrigin;

    @Inject
    @ConfigProperty(name = "asu.metadata.max-age")
    Duration metadataMaxAge;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest next = request;
        boolean answered;
        try {
            if ("POST".equals(request.getMethod()) && V1_SUBMIT.equals(path(request))) {
                BufferedBody buffered = new BufferedBody(request, body(request));
                next = buffered;
                answered = builtBefore(buffered, response);
            } else {
                answered = answeredFromRendered(request, response);
            }
        } catch (JedisException redisFailed) {
            answered = false;
        }
        if (!answered) {
            chain.doFilter(next, response);
        }
    }

    /**
     * The body as declared: RequestFraming has refused a declared length over the limit and read
     * a chunked body into memory already; reading past a declared length would wait for bytes the
     * client never sends (the connection stays open for its next request).
     */
    private byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared >= 0) {
            return request.getInputStream().readNBytes((int) Math.min(declared, maxBodyBytes + 1L));
        }
        return request.getHeader("Transfer-Encoding") == null ? new byte[0] : request.getInputStream().readNBytes(maxBodyBytes + 1);
    }

    /** A v1 POST of a request whose build this node has rendered; any other body is the resource's to judge. */
    private boolean builtBefore(BufferedBody request, HttpServletResponse response) {
        if (!plainJson(request.getContentType()) || !acceptsJson(request.getHeader("Accept"))) {
            return false;
        }
        byte[] body = request.body();
        if (body.length > maxBodyBytes) {
            return false;
        }
        BuildRequest submitted;
        try {
            submitted = reader.read(RequestBodies.json(null, new String(body, StandardCharsets.UTF_8)));
        } catch (RuntimeException invalidOrOdd) {
            return false; // InvalidBuildRequestException and the like: the resource answers them in full
        }
        Optional<RenderedJson> answer = builds.find(FinishedBuildAnswers.Shape.V1, RequestHash.of(submitted));
        if (answer.isEmpty()) {
            return false;
        }
        service.answeredFromCache(ClientName.of(submitted.client(), request.getHeader("User-Agent")));
        return write(request, response, answer.get(), BuildResponses.DONE_HEADERS);
    }

    private boolean answeredFromRendered(HttpServletRequest request, HttpServletResponse response) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || !acceptsJson(request.getHeader("Accept"))) {
            return false;
        }
        String path = path(request);
        if (!PLAIN_PATH.matcher(path).matches()) {
            return false;
        }
        if (path.startsWith(V1_BUILD)) {
            return finishedBuild(FinishedBuildAnswers.Shape.V1, path.substring(V1_BUILD.length()))
                    .map(answer -> write(request, response, answer, BuildResponses.DONE_HEADERS)).orElse(false);
        }
        if (path.startsWith(LEGACY_BUILD)) {
            return finishedBuild(FinishedBuildAnswers.Shape.LEGACY, path.substring(LEGACY_BUILD.length()))
                    .map(answer -> write(request, response, answer, Map.of())).orElse(false);
        }
        if (path.startsWith(METADATA)) {
            return metadata.rendered(path.substring(METADATA.length()))
                    .map(document -> writeDocument(request, response, document)).orElse(false);
        }
        // /api/branches, /api/latest: named as the 2021 resource keeps them
        return metadata.rendered(path.substring(1))
                .map(document -> write(request, response, document, Map.of())).orElse(false);
    }

    private Optional<RenderedJson> finishedBuild(FinishedBuildAnswers.Shape shape, String requestHash) {
        return REQUEST_HASH.matcher(requestHash).matches() ? builds.find(shape, requestHash) : Optional.empty();
    }

    /** A metadata document with its cache validators: 304 without a body when the client has it. */
    private boolean writeDocument(HttpServletRequest request, HttpServletResponse response, RenderedJson document) {
        Map<String, String> validators = Map.of("Cache-Control", CachedJson.cacheControl(metadataMaxAge),
                "ETag", CachedJson.quoted(document.etag()));
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && CachedJson.matches(ifNoneMatch, document.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            crossOriginHeaders(request, response);
            validators.forEach(response::setHeader);
            return true;
        }
        return write(request, response, document, validators);
    }

    private boolean write(HttpServletRequest request, HttpServletResponse response, RenderedJson answer, Map<String, String> extraHeaders) {
        boolean gzip = CachedJson.acceptsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? answer.gzipped() : answer.body();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Vary", "Accept-Encoding");
        extraHeaders.forEach(response::setHeader);
        crossOriginHeaders(request, response);
        response.setContentType("application/json");
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            try {
                response.getOutputStream().write(body);
            } catch (IOException clientGone) {
                // nothing more to tell a client that went away
            }
        }
        return true;
    }

    /** What {@code CrossOriginHeaders} adds to every answer of the resources. */
    private void crossOriginHeaders(HttpServletRequest request, HttpServletResponse response) {
        crossOrigin.allowedOrigin(request.getHeader("Origin"))
                .ifPresent(origin -> response.setHeader("Access-Control-Allow-Origin", origin));
        response.setHeader("Access-Control-Expose-Headers", CrossOriginPolicy.EXPOSED_HEADERS);
        if (crossOrigin.variesByOrigin()) {
            response.addHeader("Vary", "Origin");
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** No Content-Type, or JSON in UTF-8 (the body is read as such); other types and charsets are the resource's. */
    private static boolean plainJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }

    /** No Accept, or one that names JSON or any type without a zero weight; anything else is the resources' to judge. */
    private static boolean acceptsJson(String accept) {
        return accept == null || !ZERO_WEIGHT.matcher(accept).find()
                && (accept.contains("application/json") || accept.contains("*/*") || accept.contains("application/*"));
    }
}

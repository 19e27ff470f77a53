package org.openwrt.asu.interfaces.http;

import org.openwrt.asu.interfaces.rest.ErrorBody;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before any resource reads it, a request whose framing is ambiguous (both
 * {@code Content-Length} and {@code Transfer-Encoding}: RFC 9112 §6.3 — behind a proxy that
 * reads it the other way this is request smuggling; where Grizzly has already dropped the
 * {@code Content-Length} of a chunked request this cannot be seen here), whose
 * {@code Content-Type} does not parse (400) or names a charset this JVM lacks (415), or whose body is larger than
 * {@code asu.request.max-body-bytes}: a declared length is judged at once, a chunked body is
 * read up to one byte past the limit and then either refused or handed on from memory.
 */
public class RequestFraming extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestFraming.class.getName());
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** RFC 9110 §8.3.1: type "/" subtype, then parameters (not looked into here). */
    private static final Pattern MEDIA_TYPE = Pattern.compile("\\s*" + TOKEN + "/" + TOKEN + "\\s*(;.*)?", Pattern.DOTALL);
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)");

    @Inject
    @ConfigProperty(name = "asu.request.max-body-bytes")
    int maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (transferEncoding != null && request.getHeader("Content-Length") != null) {
            refuse(request, response, 400, "a request must not carry both Content-Length and Transfer-Encoding");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !MEDIA_TYPE.matcher(contentType).matches()) {
            refuse(request, response, 400, "the Content-Type header cannot be parsed as type/subtype[; parameters]");
            return;
        }
        Matcher charset = contentType == null ? null : CHARSET.matcher(contentType);
        if (charset != null && charset.find() && !supported(charset.group(1))) {
            refuse(request, response, 415, "the charset of the Content-Type is not supported (send UTF-8)");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(request, response, 413, tooLarge());
            return;
        }
        if (transferEncoding == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            refuse(request, response, 413, tooLarge());
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBodyBytes + " bytes";
    }

    /** One log line, and the error in the shape of the path's API; the connection is closed (the rest of the body is never read). */
    static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail) throws IOException {
        LOG.info(() -> "refused " + request.getMethod() + " " + request.getRequestURI() + ": " + status + " " + detail);
        response.setHeader("Connection", "close");
        JsonErrorResponse.send(response, status, ErrorBody.of(request.getRequestURI(), status, detail));
    }
}

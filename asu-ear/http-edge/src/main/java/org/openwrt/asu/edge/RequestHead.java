package org.openwrt.asu.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The judgement of one complete request head (request line and header fields, RFC 9112 §2–§6)
 * before the container parses it: either how its body is framed, or why it is refused. Refuses
 * what Grizzly and Payara would answer with an empty 400, a 200 without a body or a misread
 * body: a malformed request line, a version other than HTTP/1.x, a target with an escape that
 * does not decode to UTF-8, a backslash, an encoded slash, a NUL or a segment of dots only,
 * malformed or folded header fields and values beyond ASCII (which Grizzly reads as controls), a
 * missing or repeated {@code Host}, a body on GET, HEAD or DELETE, and ambiguous framing ({@code Content-Length} with
 * {@code Transfer-Encoding}, which a proxy may read the other way: request smuggling).
 * It also takes the {@code Upgrade} field out of an accepted head ({@link #withoutUpgrade}).
 */
final class RequestHead {

    /**
     * How the body of an accepted request ends, and whether the client waits for a
     * {@code 100 Continue} (which the container sends) before it sends the body.
     */
    record Framing(long length, boolean chunked, boolean continueExpected) {
        static final Framing NONE = new Framing(0, false);

        Framing(long length, boolean chunked) {
            this(length, chunked, false);
        }
    }

    /** The outcome: exactly one of the two is set. */
    record Verdict(Framing framing, Refusal refusal) {
        static Verdict refuse(int status, String detail) {
            return new Verdict(null, new Refusal(status, detail));
        }
    }

    /** The methods the server implements; TRACE, TRACK and CONNECT it refuses, anything else is unknown to it. */
    private static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    /** Methods whose body has no meaning (RFC 9110 §9.3): Grizzly refuses one with an empty 400. */
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "DELETE");
    private static final Set<String> REFUSED = Set.of("TRACE", "TRACK", "CONNECT");
    private static final int MAX_METHOD_LENGTH = 20;
    private static final byte[] UPGRADE_FIELD = "upgrade:".getBytes(StandardCharsets.ISO_8859_1);

    private RequestHead() {
    }

    /**
     * The head is {@code bytes[0, length)}: its lines, each ending in CRLF or LF, without the empty
     * line that ends the head.
     */
    static Verdict judge(byte[] bytes, int length, EdgeSettings limits) {
        String head = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\n", -1);
        int first = 0;
        while (first < lines.length && (lines[first].isEmpty() || lines[first].equals("\r"))) {
            first++; // RFC 9112 §2.2: empty lines before the request line are ignored
        }
        for (int i = first; i < lines.length; i++) {
            int cr = lines[i].indexOf('\r');
            if (cr >= 0 && cr != lines[i].length() - 1) {
                return Verdict.refuse(400, "a bare CR in the request head");
            }
            if (cr >= 0) {
                lines[i] = lines[i].substring(0, cr);
            }
        }
        if (first == lines.length) {
            return Verdict.refuse(400, "the request line is missing");
        }
        String requestLine = lines[first];
        if (requestLine.length() > limits.maxRequestLineBytes()) {
            return Verdict.refuse(414, "the request line is longer than " + limits.maxRequestLineBytes() + " bytes");
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            return Verdict.refuse(400, "the request line must be: method, one space, target, one space, HTTP version");
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (!isToken(method)) {
            return Verdict.refuse(400, "the request method is not a token");
        }
        Verdict verdict = judgeVersion(version);
        if (verdict == null) {
            verdict = judgeMethod(method);
        }
        if (verdict == null) {
            verdict = judgeTarget(method, target);
        }
        if (verdict == null) {
            verdict = judgeFields(lines, first + 1, version, limits);
        }
        if (verdict.framing() != null && !verdict.framing().equals(Framing.NONE) && WITHOUT_BODY.contains(method)) {
            verdict = Verdict.refuse(400, "a " + method + " request has no body");
        }
        if (verdict.refusal() != null && method.equals("HEAD")) {
            return new Verdict(null, verdict.refusal().forHead());
        }
        return verdict;
    }

    private static Verdict judgeVersion(String version) {
        if (version.equals("HTTP/1.1") || version.equals("HTTP/1.0")) {
            return null;
        }
        if (version.matches("HTTP/[0-9]\\.[0-9]")) {
            return Verdict.refuse(505, "this server speaks HTTP/1.1 and HTTP/1.0 only");
        }
        return Verdict.refuse(400, "the HTTP version must read HTTP/1.1 or HTTP/1.0");
    }

    private static Verdict judgeMethod(String method) {
        if (IMPLEMENTED.contains(method)) {
            return null;
        }
        if (REFUSED.contains(method)) {
            return Verdict.refuse(405, "the method " + method + " is not allowed");
        }
        String shown = method.length() > MAX_METHOD_LENGTH ? method.substring(0, MAX_METHOD_LENGTH) + "…" : method;
        return Verdict.refuse(501, "the method " + shown + " is not implemented");
    }

    private static Verdict judgeTarget(String method, String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Verdict.refuse(400, "the request target has a control, space or non-ASCII character");
            }
        }
        if (target.equals("*")) {
            return method.equals("OPTIONS") ? null : Verdict.refuse(400, "the target * is for OPTIONS only");
        }
        String path = target;
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            path = slash < 0 ? "/" : target.substring(slash);
        } else if (!target.startsWith("/")) {
            return Verdict.refuse(400, "the request target must start with /");
        }
        int hash = path.indexOf('#');
        if (hash >= 0) {
            return Verdict.refuse(400, "a request target has no fragment (#)");
        }
        int query = path.indexOf('?');
        String rawPath = query < 0 ? path : path.substring(0, query);
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%' && (i + 2 >= path.length() || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0)) {
                return Verdict.refuse(400, "a % in the request target must be followed by two hex digits");
            }
        }
        return judgePath(rawPath);
    }

    private static Verdict judgePath(String rawPath) {
        byte[] decoded = new byte[rawPath.length()];
        int length = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int value = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
                if (value == 0) {
                    return Verdict.refuse(400, "the path has an encoded NUL (%00)");
                }
                if (value == '/' || value == '\\') {
                    return Verdict.refuse(400, "the path has an encoded slash or backslash");
                }
                decoded[length++] = (byte) value;
                i += 2;
            } else if (c == '\\') {
                return Verdict.refuse(400, "the path has a backslash");
            } else {
                decoded[length++] = (byte) c;
            }
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded, 0, length)).toString();
        } catch (CharacterCodingException notUtf8) {
            return Verdict.refuse(400, "the path does not decode to UTF-8");
        }
        for (String segment : path.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (!name.isEmpty() && name.chars().allMatch(c -> c == '.')) {
                return Verdict.refuse(400, "the path must not have a segment of dots only (. or ..)");
            }
        }
        return null;
    }

    private static Verdict judgeFields(String[] lines, int from, String version, EdgeSettings limits) {
        int fields = 0;
        int hosts = 0;
        String contentLength = null;
        String transferEncoding = null;
        boolean continueExpected = false;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue; // the split's last element, after the final line break
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return Verdict.refuse(400, "a header field is folded over more than one line");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                return Verdict.refuse(400, "a header field must be: a name, a colon, the value");
            }
            String value = line.substring(colon + 1).strip();
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch < 0x20 && ch != '\t' || ch >= 0x7f) {
                    return Verdict.refuse(400, "a header field value has a control character or a byte beyond ASCII");
                }
            }
            if (++fields > limits.maxHeaders()) {
                return Verdict.refuse(431, "a request has at most " + limits.maxHeaders() + " header fields");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            switch (name) {
                case "host" -> hosts++;
                case "content-length" -> {
                    if (contentLength != null) {
                        return Verdict.refuse(400, "a request has at most one Content-Length");
                    }
                    contentLength = value;
                }
                case "transfer-encoding" -> {
                    if (transferEncoding != null) {
                        return Verdict.refuse(400, "a request has at most one Transfer-Encoding");
                    }
                    transferEncoding = value;
                }
                case "expect" -> continueExpected = value.equalsIgnoreCase("100-continue");
                default -> {
                }
            }
        }
        if (version.equals("HTTP/1.1") && hosts != 1) {
            return Verdict.refuse(400, "an HTTP/1.1 request has exactly one Host header");
        }
        if (hosts > 1) {
            return Verdict.refuse(400, "a request has at most one Host header");
        }
        if (transferEncoding != null && contentLength != null) {
            return Verdict.refuse(400, "a request must not carry both Content-Length and Transfer-Encoding");
        }
        if (transferEncoding != null) {
            return transferEncoding.equalsIgnoreCase("chunked") ? new Verdict(new Framing(-1, true, continueExpected), null)
                    : Verdict.refuse(501, "the only transfer coding this server reads is chunked");
        }
        if (contentLength != null) {
            if (!contentLength.matches("[0-9]{1,18}")) {
                return contentLength.matches("[0-9]+") ? Verdict.refuse(413, "the declared Content-Length is too large")
                        : Verdict.refuse(400, "Content-Length must be a number of bytes");
            }
            long length = Long.parseLong(contentLength);
            return new Verdict(length == 0 ? Framing.NONE : new Framing(length, false, continueExpected), null);
        }
        return new Verdict(Framing.NONE, null);
    }

    /**
     * The complete head {@code bytes[0, length)} (with the empty line that ends it) without its
     * {@code Upgrade} fields, or null if it has none. The server switches to no other protocol
     * (RFC 9110 §7.8 lets it ignore the field), but Grizzly takes any request that has one for
     * an upgraded connection: it answers without Content-Type and Date and reads the body as
     * the new protocol's bytes, so the request must reach it without the field. Java's
     * HttpClient, for one, asks for h2c on every first request of a connection.
     */
    static byte[] withoutUpgrade(byte[] bytes, int length) {
        byte[] kept = null;
        int keptLength = 0;
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            boolean upgrade = startsWithIgnoringCase(bytes, lineStart, i, UPGRADE_FIELD);
            if (upgrade && kept == null) {
                kept = new byte[length];
                System.arraycopy(bytes, 0, kept, 0, lineStart);
                keptLength = lineStart;
            } else if (!upgrade && kept != null) {
                System.arraycopy(bytes, lineStart, kept, keptLength, i + 1 - lineStart);
                keptLength += i + 1 - lineStart;
            }
            lineStart = i + 1;
        }
        return kept == null ? null : Arrays.copyOf(kept, keptLength);
    }

    private static boolean startsWithIgnoringCase(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(bytes[from + i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

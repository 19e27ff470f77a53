package org.openwrt.asu.edge;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * RFC 9110's reason phrases. Grizzly names the codes it does not know {@code CUSTOM} (422) and
 * others after RFC 2616 (413, 414, 416); the edge puts the standard phrase into the status lines
 * it sees going out.
 */
final class ReasonPhrase {

    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(206, "Partial Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"), Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(416, "Range Not Satisfiable"), Map.entry(417, "Expectation Failed"),
            Map.entry(422, "Unprocessable Content"), Map.entry(425, "Too Early"), Map.entry(426, "Upgrade Required"),
            Map.entry(428, "Precondition Required"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"));
    private static final int CODE_AT = "HTTP/1.1 ".length();
    private static final int PHRASE_AT = CODE_AT + 4;

    private ReasonPhrase() {
    }

    static String of(int status) {
        return PHRASES.getOrDefault(status, "Error");
    }

    /**
     * The status code of a status line ({@code HTTP/1.x NNN phrase}) at the start of these bytes,
     * or -1 if they do not start with one.
     */
    static int statusOf(byte[] start, int length) {
        if (length < PHRASE_AT || !startsWith(start, "HTTP/1.") || start[CODE_AT - 1] != ' ' || start[PHRASE_AT - 1] != ' ') {
            return -1;
        }
        int code = 0;
        for (int i = CODE_AT; i < CODE_AT + 3; i++) {
            if (start[i] < '0' || start[i] > '9') {
                return -1;
            }
            code = code * 10 + start[i] - '0';
        }
        return code;
    }

    /**
     * The status line with the standard phrase, or null if the line (up to its CRLF, which must
     * lie within {@code length}) already has it or its code has no entry here.
     */
    static byte[] corrected(byte[] start, int length) {
        int status = statusOf(start, length);
        String phrase = PHRASES.get(status);
        if (phrase == null) {
            return null;
        }
        int end = PHRASE_AT;
        while (end < length && start[end] != '\r') {
            end++;
        }
        if (end >= length) {
            return null;
        }
        String current = new String(start, PHRASE_AT, end - PHRASE_AT, StandardCharsets.ISO_8859_1);
        if (current.equals(phrase)) {
            return null;
        }
        return (new String(start, 0, PHRASE_AT, StandardCharsets.ISO_8859_1) + phrase).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where the status line's CR is, for the bytes {@link #corrected} replaces. */
    static int lineEnd(byte[] start, int length) {
        for (int i = PHRASE_AT; i < length; i++) {
            if (start[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

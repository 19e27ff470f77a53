package org.openwrt.asu.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: what no HTTP client library lets a test
 * send (broken request lines, undecodable escapes, conflicting framing headers). One request per
 * connection; the answer is read until the server closes, its Content-Length is complete or
 * nothing more arrives.
 */
final class RawHttp {

    private static final int MAX_ANSWER = 64 * 1024 * 1024;

    private RawHttp() {
    }

    /** What came back: no status (-1) when the server closed without answering. */
    record Answer(int status, String reason, Map<String, String> headers, byte[] body, int size, long millis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Answer send(int port, byte[] request, int timeoutMillis) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedWhileSending) {
                // the server may refuse (and close) before the whole request is written: read what it said
            }
            byte[] raw = readAnswer(socket.getInputStream());
            return parse(raw, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int read;
            while ((read = in.read(buffer)) > 0) {
                raw.write(buffer, 0, read);
                if (complete(raw.toByteArray()) || raw.size() > MAX_ANSWER) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException silentOrReset) {
            // what arrived so far is the answer
        }
        return raw.toByteArray();
    }

    /** Whether the bytes hold a whole answer with a Content-Length (then there is no need to wait for the close). */
    private static boolean complete(byte[] raw) {
        int end = headerEnd(raw);
        if (end < 0) {
            return false;
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\ncontent-length:");
        if (at < 0) {
            return false;
        }
        String value = head.substring(at + 16, head.indexOf('\r', at + 1)).strip();
        return raw.length - end - 4 >= Long.parseLong(value);
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Answer parse(byte[] raw, long millis) {
        int end = headerEnd(raw);
        if (raw.length == 0 || end < 0) {
            return new Answer(-1, "", Map.of(), new byte[0], raw.length, millis);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        } else if (headers.containsKey("content-length")) {
            body = java.util.Arrays.copyOf(body, (int) Math.min(body.length, Long.parseLong(headers.get("content-length"))));
        }
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
        return new Answer(status, statusLine.length > 2 ? statusLine[2] : "", headers, body, raw.length, millis);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

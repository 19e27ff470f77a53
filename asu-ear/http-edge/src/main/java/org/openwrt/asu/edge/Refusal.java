package org.openwrt.asu.edge;

import java.nio.charset.StandardCharsets;

/**
 * An answer of the edge itself: the application's v1 error shape ({@code status}, {@code detail}),
 * with the standard reason phrase, and the connection closed after it (what follows a refused
 * head cannot be framed).
 *
 * @param status the HTTP status
 * @param detail a sentence a person understands
 * @param withoutBody the refused request was a HEAD: the same head, no body
 */
record Refusal(int status, String detail, boolean withoutBody) {

    Refusal(int status, String detail) {
        this(status, detail, false);
    }

    Refusal forHead() {
        return new Refusal(status, detail, true);
    }

    byte[] toBytes() {
        byte[] body = ("{\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + ReasonPhrase.of(status) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        if (withoutBody) {
            return headBytes;
        }
        byte[] answer = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
        System.arraycopy(body, 0, answer, headBytes.length, body.length);
        return answer;
    }
}

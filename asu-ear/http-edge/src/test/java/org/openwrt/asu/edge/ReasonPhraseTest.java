package org.openwrt.asu.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReasonPhraseTest {

    private static String corrected(String start) {
        byte[] bytes = start.getBytes(StandardCharsets.ISO_8859_1);
        byte[] line = ReasonPhrase.corrected(bytes, bytes.length);
        return line == null ? null : new String(line, StandardCharsets.ISO_8859_1);
    }

    @Test
    void grizzlysPhrasesAreReplacedByTheStandardOnes() {
        assertEquals("HTTP/1.1 422 Unprocessable Content", corrected("HTTP/1.1 422 CUSTOM\r\nServer: x\r\n"));
        assertEquals("HTTP/1.1 413 Content Too Large", corrected("HTTP/1.1 413 Request Entity Too Large\r\n"));
        assertEquals("HTTP/1.1 416 Range Not Satisfiable".length(), ReasonPhrase.lineEnd(
                "HTTP/1.1 416 Range Not Satisfiable\r\n".getBytes(StandardCharsets.ISO_8859_1), 36));
    }

    @Test
    void standardPhrasesAndOtherBytesStayAsTheyAre() {
        assertNull(corrected("HTTP/1.1 200 OK\r\n"));
        assertNull(corrected("HTTP/1.1 529 Site is overloaded\r\n"));
        assertNull(corrected("{\"status\":422}"));
        assertEquals(-1, ReasonPhrase.statusOf("HTTP/1.1 4x2 CUSTOM".getBytes(StandardCharsets.ISO_8859_1), 19));
    }
}

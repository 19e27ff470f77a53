package org.openwrt.asu.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestStreamTest {

    private static final EdgeSettings LIMITS = new EdgeSettings(20_000, 30_000, 100, 200, 10, 50);

    private static RequestStream.Outcome read(RequestStream stream, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return stream.read(i -> bytes[i], 0, bytes.length);
    }

    @Test
    void aHeadArrivingInPiecesIsHeldUntilComplete() {
        RequestStream stream = new RequestStream(LIMITS);
        assertEquals(0, read(stream, "GET / HT").holdFrom());
        assertEquals(RequestStream.Phase.HEAD, stream.phase());
        RequestStream.Outcome rest = read(stream, "TP/1.1\r\nHost: x\r\n\r\n");
        assertNull(rest.refusal());
        assertEquals("TP/1.1\r\nHost: x\r\n\r\n".length(), rest.holdFrom());
        assertEquals(1, stream.acceptedHeads());
        assertEquals(RequestStream.Phase.IDLE, stream.phase());
    }

    @Test
    void theNextHeadBeginsAfterTheBody() {
        RequestStream stream = new RequestStream(LIMITS);
        String first = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{}{}{";
        RequestStream.Outcome outcome = read(stream, first + "GET / HTTP/1.1\r\n");
        assertEquals(first.length(), outcome.holdFrom());
        assertEquals(RequestStream.Phase.HEAD, stream.phase());
    }

    @Test
    void aRequestSmuggledBehindABodyIsJudgedToo() {
        RequestStream stream = new RequestStream(LIMITS);
        RequestStream.Outcome outcome = read(stream, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{}{}{}GET /admin HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(400, outcome.refusal().status());
    }

    @Test
    void aChunkedBodyEndsAtItsLastChunk() {
        RequestStream stream = new RequestStream(LIMITS);
        String first = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2;a=\"b\"\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n";
        assertEquals(first.length(), read(stream, first + "GET").holdFrom());
        assertNull(read(stream, " / HTTP/1.1\r\nHost: x\r\n\r\n").refusal());
        assertEquals(2, stream.acceptedHeads());
    }

    @Test
    void malformedChunksAreRefused() {
        for (String chunks : new String[] {"ffffffffffffffffff\r\n{}\r\n0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n", "2;ext=\"\r\n{}\r\n0\r\n\r\n",
                "2\r\n{}x\r\n0\r\n\r\n", "2\r{}\r\n0\r\n\r\n"}) {
            RequestStream stream = new RequestStream(LIMITS);
            RequestStream.Outcome outcome = read(stream, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
            assertEquals(400, outcome.refusal() == null ? 0 : outcome.refusal().status(), chunks);
        }
    }

    @Test
    void oversizedHeadsAreRefusedBeforeTheyEnd() {
        assertEquals(414, read(new RequestStream(LIMITS), "GET /" + "a".repeat(200)).refusal().status());
        assertEquals(431, read(new RequestStream(LIMITS), "GET / HTTP/1.1\r\nX: " + "b".repeat(300)).refusal().status());
    }

    @Test
    void headsAskingForAnUpgradeGoOnWithoutTheField() {
        RequestStream stream = new RequestStream(LIMITS);
        String plain = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        String upgrading = "POST / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nupgrade: h2c\r\n"
                + "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\nContent-Length: 2\r\n\r\n";
        RequestStream.Outcome outcome = read(stream, plain + upgrading + "{}");
        assertEquals(1, outcome.replacements().size());
        RequestStream.Replacement replacement = outcome.replacements().get(0);
        assertEquals(plain.length(), replacement.from());
        assertEquals(plain.length() + upgrading.length(), replacement.to());
        assertEquals(upgrading.replace("upgrade: h2c\r\n", ""), new String(replacement.bytes(), StandardCharsets.ISO_8859_1));

        // a head held back over two reads: the second read starts with its held bytes
        String held = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n";
        byte[] bytes = held.getBytes(StandardCharsets.ISO_8859_1);
        RequestStream next = new RequestStream(LIMITS);
        assertEquals(0, next.read(i -> bytes[i], 0, 8).holdFrom());
        RequestStream.Outcome rest = next.read(i -> bytes[i], 8, bytes.length);
        assertEquals(List.of(0, bytes.length), List.of(rest.replacements().get(0).from(), rest.replacements().get(0).to()));
        assertTrue(read(new RequestStream(LIMITS), plain).replacements().isEmpty());
    }

    @Test
    void aSmallBodyIsHeldWithItsHeadUntilComplete() {
        String head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n";
        byte[] bytes = (head + "{}{}{").getBytes(StandardCharsets.ISO_8859_1);
        RequestStream stream = new RequestStream(LIMITS);
        assertEquals(0, stream.read(i -> bytes[i], 0, head.length() + 2).holdFrom());
        assertEquals(RequestStream.Phase.BODY, stream.phase());
        assertEquals(bytes.length, stream.read(i -> bytes[i], head.length() + 2, bytes.length).holdFrom());
        assertEquals(RequestStream.Phase.IDLE, stream.phase());
    }

    @Test
    void aBodyLargerThanTheEdgeHoldsGoesOnAsItArrives() {
        String head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n";
        assertEquals(head.length() + 3, read(new RequestStream(LIMITS), head + "{\"a").holdFrom());

        String waiting = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
        assertEquals(waiting.length(), read(new RequestStream(LIMITS), waiting).holdFrom(), "the client waits for 100 Continue");

        String chunkedHead = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        RequestStream chunked = new RequestStream(LIMITS);
        assertEquals(0, read(chunked, chunkedHead + "a\r\n0123456789\r\n").holdFrom());
        String large = chunkedHead + "a\r\n0123456789\r\n40\r\n" + "x".repeat(40);
        assertEquals(large.length(), read(new RequestStream(LIMITS), large).holdFrom());
    }
}

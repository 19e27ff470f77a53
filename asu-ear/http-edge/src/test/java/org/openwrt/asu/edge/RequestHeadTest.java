package org.openwrt.asu.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static final EdgeSettings LIMITS = new EdgeSettings(20_000, 30_000, 8192, 8192, 100, 65536);

    private static RequestHead.Verdict judge(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.judge(bytes, bytes.length, LIMITS);
    }

    private static int refusedWith(String head) {
        RequestHead.Verdict verdict = judge(head);
        assertNull(verdict.framing(), head);
        return verdict.refusal().status();
    }

    @Test
    void anOrdinaryRequestHasNoBody() {
        RequestHead.Verdict verdict = judge("GET /json/v1/overview.json HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n");
        assertEquals(RequestHead.Framing.NONE, verdict.framing());
    }

    @Test
    void aDeclaredLengthOrChunkedFramesTheBody() {
        assertEquals(new RequestHead.Framing(12, false), judge("POST /api/v1/build HTTP/1.1\nHost: x\nContent-Length: 12\n").framing());
        assertEquals(new RequestHead.Framing(-1, true),
                judge("POST /api/v1/build HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n").framing());
    }

    @Test
    void lengthTogetherWithTransferEncodingIsRefused() {
        assertEquals(400, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"));
        assertEquals(400, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n"));
        assertEquals(400, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n"));
        assertEquals(400, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n"));
        assertEquals(501, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n"));
    }

    @Test
    void malformedRequestLinesAreRefused() {
        for (String line : new String[] {"GARBAGE", "GET", "GET /", "GET / HTTP/1.1 extra", "GET  /  HTTP/1.1", "GET\t/\tHTTP/1.1",
                " GET / HTTP/1.1", "GET / HTTP/1.", "GET / http/1.1", "GET ?x HTTP/1.1", "GET * HTTP/1.1", "GET /\u00ff HTTP/1.1"}) {
            assertEquals(400, refusedWith(line + "\r\nHost: x\r\n"), line);
        }
        assertEquals(505, refusedWith("GET / HTTP/2.0\r\nHost: x\r\n"));
        assertEquals(400, refusedWith("GET /\r\r HTTP/1.1\r\nHost: x\r\n"));
    }

    @Test
    void pathsTheContainerCannotMapAreRefused() {
        for (String path : new String[] {"/admin/%zz", "/admin/%", "/api/%g0", "/x/%00", "/x/%ff", "/x/%c0%af", "/x/%ed%a0%80",
                "/store/abc/.", "/store/abc/..", "/x/%2e%2e/y", "/..;/etc", "/a%2fb", "/x/....//etc", "/x/..\\etc"}) {
            assertEquals(400, refusedWith("GET " + path + " HTTP/1.1\r\nHost: x\r\n"), path);
        }
        assertNull(judge("GET /store/a.b/..c/%C3%A4?x=%2e%2e HTTP/1.1\r\nHost: x\r\n").refusal());
        assertNull(judge("OPTIONS * HTTP/1.1\r\nHost: x\r\n").refusal());
    }

    @Test
    void methodsTheServerDoesNotImplementAreRefused() {
        assertEquals(405, refusedWith("TRACE / HTTP/1.1\r\nHost: x\r\n"));
        assertEquals(501, refusedWith("BREW / HTTP/1.1\r\nHost: x\r\n"));
        assertEquals(501, refusedWith("PATCH / HTTP/1.1\r\nHost: x\r\n"));
        assertEquals(400, refusedWith("DELETE / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"));
        assertNull(judge("DELETE / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n").refusal());
        assertTrue(judge("HEAD /x/%zz HTTP/1.1\r\nHost: x\r\n").refusal().withoutBody());
    }

    @Test
    void malformedHeaderFieldsAreRefused() {
        for (String field : new String[] {"NoColon", ": empty-name", "Bad Name: x", "X-Bad: \u0000", "User-Agent: \u00ef\u00bb\u00bf", "X-Folded: a\r\n folded",
                "Host: y", "Content-Length: abc", "Content-Length: -1", "Content-Length: +5", "Content-Length: 5, 6"}) {
            assertEquals(400, refusedWith("POST / HTTP/1.1\r\nHost: x\r\n" + field + "\r\n"), field);
        }
        assertEquals(413, refusedWith("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n"));
        assertEquals(400, refusedWith("GET / HTTP/1.1\r\nAccept: */*\r\n"));
        assertNull(judge("GET / HTTP/1.0\r\n").refusal());
        assertEquals(431, refusedWith("GET / HTTP/1.1\r\nHost: x\r\n" + "X-Many: 1\r\n".repeat(100)));
    }
}

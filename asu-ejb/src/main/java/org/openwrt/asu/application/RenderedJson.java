package org.openwrt.asu.application;

import jakarta.json.JsonStructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON answer rendered once: its bytes exactly as clients get them, its entity tag (a hash of
 * those bytes) and a gzip copy, so that a read only writes stored bytes.
 */
public record RenderedJson(byte[] body, String etag, byte[] gzipped) {

    public static RenderedJson of(JsonStructure json) {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        return new RenderedJson(body, HexFormat.of().formatHex(sha256(body)).substring(0, 32), gzip(body));
    }

    /** What keeping it costs, roughly: both copies and the tag. */
    public long size() {
        return body.length + gzipped.length + etag.length() + 64L;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package org.openwrt.asu.upstream;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The compressions upstream uses, single-threaded and without timestamps so that the same input
 * always gives the same bytes: gzip -9n (Packages.gz), xz (ImageBuilders up to 23.05) and
 * zstd (since 24.10).
 */
enum Compressor {
    GZIP, XZ, ZSTD;

    byte[] compress(byte[] data) {
        var buffer = new ByteArrayOutputStream(data.length / 4 + 64);
        try (OutputStream out = open(buffer)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private OutputStream open(OutputStream target) throws IOException {
        return switch (this) {
            // GZIPOutputStream writes a zero modification time; only the level needs setting
            case GZIP -> new GZIPOutputStream(target) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            };
            case XZ -> new XZOutputStream(target, new LZMA2Options(6));
            case ZSTD -> new ZstdOutputStream(target, 12);
        };
    }
}

package org.openwrt.asu.edge;

/**
 * Follows a chunked body (RFC 9112 §7.1) byte by byte, only to know where it ends and so where the
 * next request head on the connection begins; the container decodes it. A chunk size of more than
 * 15 hex digits, a size line or trailer field longer than {@value #MAX_LINE} bytes, an unclosed
 * quote in a chunk extension, a CR not followed by LF or chunk data not followed by a line break
 * are errors.
 */
final class ChunkedBody {

    /** What a byte did to the body. */
    enum Step { MORE, DONE, MALFORMED }

    private enum State { SIZE, EXTENSION, DATA, DATA_END, TRAILER }

    private static final int MAX_LINE = 4096;
    private static final int MAX_SIZE_DIGITS = 15;

    private State state = State.SIZE;
    private long size;
    private int digits;
    private long remaining;
    private int lineLength;
    private boolean quoted;
    private boolean afterCr;

    /** The bytes of chunk data still to come before the next size line: the caller may skip them in bulk. */
    long dataRemaining() {
        return state == State.DATA ? remaining : 0;
    }

    /** Skips {@code count} bytes of chunk data, at most {@link #dataRemaining()}. */
    void skipData(long count) {
        remaining -= count;
        if (remaining == 0) {
            state = State.DATA_END;
            lineLength = 0;
        }
    }

    Step next(byte b) {
        if (state == State.DATA) {
            skipData(1);
            return Step.MORE;
        }
        if (afterCr && b != '\n' || ++lineLength > MAX_LINE) {
            return Step.MALFORMED;
        }
        if (b == '\r') {
            afterCr = true;
            return Step.MORE;
        }
        boolean lineEnds = b == '\n';
        boolean emptyLine = lineEnds && lineLength == (afterCr ? 2 : 1);
        afterCr = false;
        if (lineEnds) {
            lineLength = 0;
        }
        return switch (state) {
            case SIZE -> lineEnds ? endOfSizeLine() : size(b);
            case EXTENSION -> lineEnds ? (quoted ? Step.MALFORMED : endOfSizeLine()) : extension(b);
            case DATA_END -> lineEnds && emptyLine ? toSize() : Step.MALFORMED;
            case TRAILER -> lineEnds && emptyLine ? Step.DONE : Step.MORE;
            case DATA -> throw new IllegalStateException("handled above");
        };
    }

    private Step size(byte b) {
        int digit = b < 0x80 ? Character.digit(b, 16) : -1;
        if (digit >= 0) {
            if (++digits > MAX_SIZE_DIGITS) {
                return Step.MALFORMED;
            }
            size = size * 16 + digit;
            return Step.MORE;
        }
        if (b == ';' && digits > 0) {
            state = State.EXTENSION;
            return Step.MORE;
        }
        return Step.MALFORMED;
    }

    private Step extension(byte b) {
        if (b == '"') {
            quoted = !quoted;
        }
        return Step.MORE;
    }

    private Step endOfSizeLine() {
        if (digits == 0) {
            return Step.MALFORMED;
        }
        if (size == 0) {
            state = State.TRAILER;
            return Step.MORE;
        }
        remaining = size;
        size = 0;
        digits = 0;
        state = State.DATA;
        return Step.MORE;
    }

    private Step toSize() {
        state = State.SIZE;
        return Step.MORE;
    }
}

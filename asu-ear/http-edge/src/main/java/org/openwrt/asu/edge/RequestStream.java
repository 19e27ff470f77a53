package org.openwrt.asu.edge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests of one connection as they arrive: collects each request head until it is complete,
 * has it judged ({@link RequestHead}), then follows its body ({@code Content-Length} or chunked)
 * to where the next head begins. Only a complete and accepted head may go on to the container,
 * so the bytes of a head still incomplete are held back. Not thread-safe: one connection's reads
 * come one after the other.
 */
final class RequestStream {

    /** What the connection is waiting for. */
    enum Phase {
        /** the next request, none of its bytes here yet */
        IDLE,
        /** the rest of a request head */
        HEAD,
        /** the rest of a request body */
        BODY
    }

    /** The bytes of one read, by index. */
    @FunctionalInterface
    interface Bytes {
        byte at(int index);
    }

    /**
     * What a read came to.
     *
     * @param refusal why the connection is refused, or null
     * @param holdFrom the index from which this read's bytes belong to a head still incomplete (the
     *        end of the read when none does): only the bytes before it may go on
     * @param replacements the accepted heads of this read that go on changed, in order, all before
     *        {@code holdFrom}
     */
    record Outcome(Refusal refusal, int holdFrom, List<Replacement> replacements) {
    }

    /** The bytes {@code [from, to)} of a read go on as {@code bytes}. */
    record Replacement(int from, int to, byte[] bytes) {
    }

    private final EdgeSettings limits;
    private Phase phase = Phase.IDLE;
    private int phaseChanges;
    private int acceptedHeads;
    private byte[] head = new byte[512];
    private int headLength;
    private int lineStart;
    private boolean requestLineSeen;
    private long bodyRemaining;
    private ChunkedBody chunked;
    /** The head just accepted without its Upgrade field (RequestHead.withoutUpgrade), or null. */
    private byte[] acceptedHeadChanged;
    private int acceptedHeadLength;

    RequestStream(EdgeSettings limits) {
        this.limits = limits;
    }

    Phase phase() {
        return phase;
    }

    /** Increases with every change of phase: a timer armed for one phase checks it is still the same. */
    int phaseChanges() {
        return phaseChanges;
    }

    /** How many request heads have gone on to the container. */
    int acceptedHeads() {
        return acceptedHeads;
    }

    /** Reads the bytes {@code [from, to)} of one read. */
    Outcome read(Bytes bytes, int from, int to) {
        int holdFrom = phase == Phase.HEAD ? from : to;
        List<Replacement> replacements = new ArrayList<>(0);
        int i = from;
        while (i < to) {
            switch (phase) {
                case IDLE -> {
                    holdFrom = i;
                    enter(Phase.HEAD);
                }
                case HEAD -> {
                    Refusal refusal = headByte(bytes.at(i++));
                    if (refusal != null) {
                        return new Outcome(refusal, to, List.of());
                    }
                    if (phase != Phase.HEAD) {
                        holdFrom = to;
                        if (acceptedHeadChanged != null) {
                            // a head's bytes are one run in this read: those held back come first
                            replacements.add(new Replacement(i - acceptedHeadLength, i, acceptedHeadChanged));
                            acceptedHeadChanged = null;
                        }
                    }
                }
                case BODY -> {
                    if (chunked == null) {
                        long skipped = Math.min(bodyRemaining, to - i);
                        i += (int) skipped;
                        bodyRemaining -= skipped;
                        if (bodyRemaining == 0) {
                            enter(Phase.IDLE);
                        }
                    } else {
                        long skipped = Math.min(chunked.dataRemaining(), to - i);
                        if (skipped > 0) {
                            chunked.skipData(skipped);
                            i += (int) skipped;
                        } else {
                            ChunkedBody.Step step = chunked.next(bytes.at(i++));
                            if (step == ChunkedBody.Step.MALFORMED) {
                                return new Outcome(new Refusal(400, "the chunked body is malformed"), to, List.of());
                            }
                            if (step == ChunkedBody.Step.DONE) {
                                chunked = null;
                                enter(Phase.IDLE);
                            }
                        }
                    }
                }
            }
        }
        return new Outcome(null, holdFrom, replacements);
    }

    private Refusal headByte(byte b) {
        if (headLength == head.length) {
            head = Arrays.copyOf(head, head.length * 2);
        }
        head[headLength++] = b;
        if (b == '\n') {
            int end = headLength - 1;
            boolean empty = end == lineStart || end == lineStart + 1 && head[lineStart] == '\r';
            if (!empty) {
                requestLineSeen = true;
            } else if (requestLineSeen) {
                return headComplete();
            }
            lineStart = headLength;
        } else if (!requestLineSeen && headLength - lineStart > limits.maxRequestLineBytes() + 1) {
            return new Refusal(414, "the request line is longer than " + limits.maxRequestLineBytes() + " bytes");
        }
        if (headLength > limits.maxHeadBytes() + 2) {
            return new Refusal(431, "the request head is larger than " + limits.maxHeadBytes() + " bytes");
        }
        return null;
    }

    private Refusal headComplete() {
        RequestHead.Verdict verdict = RequestHead.judge(head, lineStart, limits);
        if (verdict.refusal() != null) {
            return verdict.refusal();
        }
        acceptedHeads++;
        acceptedHeadChanged = RequestHead.withoutUpgrade(head, headLength);
        acceptedHeadLength = headLength;
        headLength = 0;
        lineStart = 0;
        requestLineSeen = false;
        if (head.length > 8192) {
            head = new byte[512];
        }
        RequestHead.Framing framing = verdict.framing();
        if (framing.chunked()) {
            chunked = new ChunkedBody();
            enter(Phase.BODY);
        } else if (framing.length() > 0) {
            bodyRemaining = framing.length();
            enter(Phase.BODY);
        } else {
            enter(Phase.IDLE);
        }
        return null;
    }

    private void enter(Phase next) {
        phase = next;
        phaseChanges++;
    }
}

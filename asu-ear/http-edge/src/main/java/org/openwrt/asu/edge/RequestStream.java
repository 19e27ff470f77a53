package org.openwrt.asu.edge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests of one connection as they arrive: collects each request head until it is complete,
 * has it judged ({@link RequestHead}), then follows its body ({@code Content-Length} or chunked)
 * to where the next head begins. Only a complete and accepted head may go on to the container,
 * so the bytes of a head still incomplete are held back, and with them a body up to
 * {@code maxHeldBodyBytes} until it is complete. Not thread-safe: one connection's reads come one
 * after the other.
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
    /**
     * Whether the bytes since the current head's first are held back: until the head is complete
     * and accepted and, when it has a body of at most {@code maxHeldBodyBytes}, until that body is
     * complete too, so that no worker thread of the container waits for a slow client's bytes.
     */
    private boolean holding;
    /** How many bytes are held back, before the next read. */
    private int heldLength;
    /** The head last accepted without its Upgrade field (RequestHead.withoutUpgrade), or null. */
    private byte[] acceptedHeadChanged;
    private int acceptedHeadLength;
    private boolean continueExpected;

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

    /**
     * Reads the bytes {@code [from, to)} of one read; the bytes this stream held back before come
     * right before {@code from}.
     */
    Outcome read(Bytes bytes, int from, int to) {
        int runStart = holding ? from - heldLength : -1;
        List<Replacement> replacements = new ArrayList<>(0);
        int i = from;
        while (i < to) {
            switch (phase) {
                case IDLE -> {
                    runStart = i;
                    holding = true;
                    enter(Phase.HEAD);
                }
                case HEAD -> {
                    Refusal refusal = headByte(bytes.at(i++));
                    if (refusal != null) {
                        return new Outcome(refusal, to, List.of());
                    }
                    if (phase == Phase.IDLE || phase == Phase.BODY && (bodyRemaining > limits.maxHeldBodyBytes() || continueExpected)) {
                        release(runStart, replacements);
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
                    if (holding && (phase == Phase.IDLE || i - runStart - acceptedHeadLength > limits.maxHeldBodyBytes())) {
                        release(runStart, replacements);
                    }
                }
            }
        }
        heldLength = holding ? to - runStart : 0;
        return new Outcome(null, holding ? runStart : to, replacements);
    }

    /**
     * The held run, a head and whatever of its body came with it, may go on: the head is
     * accepted, and its body is complete or too large to hold.
     */
    private void release(int runStart, List<Replacement> replacements) {
        holding = false;
        if (acceptedHeadChanged != null) {
            replacements.add(new Replacement(runStart, runStart + acceptedHeadLength, acceptedHeadChanged));
            acceptedHeadChanged = null;
        }
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
        continueExpected = framing.continueExpected(); // its body comes only after the container's 100 Continue
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

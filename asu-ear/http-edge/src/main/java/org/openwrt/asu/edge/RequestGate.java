package org.openwrt.asu.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * The filter right before Grizzly's HTTP codec. Going in, each request head, and a small body
 * with it, is held back until it is complete and judged ({@link RequestStream}): a worker thread
 * of the container never waits for a slow client's head or small body. It goes on without an {@code Upgrade}
 * field ({@link RequestHead#withoutUpgrade}); a refused one is answered here as JSON and
 * the connection closed, and so is a client that takes longer than the settings allow for a
 * head or a body (408). Going out, the status line of each answer gets its standard reason
 * phrase ({@link ReasonPhrase}).
 */
final class RequestGate extends BaseFilter {

    private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());
    /** One timer thread for every connection: it only arms, checks and closes. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    /** Enough of an answer's first bytes for its status line. */
    private static final int STATUS_LINE_BYTES = 64;

    private final EdgeSettings settings;
    private final Attribute<Exchange> exchanges = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestGate.class.getName() + ".exchange");

    RequestGate(EdgeSettings settings) {
        this.settings = settings;
    }

    /** One connection's requests and answers as the gate follows them. */
    private final class Exchange {
        final Connection<?> connection;
        final RequestStream requests = new RequestStream(settings);
        /** The bytes at the start of the next read that the stream has read already (held back before). */
        int alreadyRead;
        int answersStarted;
        boolean closed;
        ScheduledFuture<?> deadline;
        int deadlineForPhase = -1;
        int deadlines;

        Exchange(Connection<?> connection) {
            this.connection = connection;
        }

        /**
         * Arms the timer for the phase the requests are in now, once per phase; the first head
         * keeps the deadline armed at the connection.
         */
        synchronized void armDeadline() {
            int phaseChange = requests.phaseChanges();
            if (deadlineForPhase == phaseChange) {
                return;
            }
            deadlineForPhase = phaseChange;
            if (requests.phase() == RequestStream.Phase.HEAD && requests.acceptedHeads() == 0 && deadline != null) {
                return;
            }
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
            int token = ++deadlines;
            long millis = switch (requests.phase()) {
                case IDLE -> phaseChange == 0 ? settings.headTimeoutMillis() : 0; // later idle times are the keep-alive timeout's
                case HEAD -> settings.headTimeoutMillis();
                case BODY -> settings.bodyTimeoutMillis();
            };
            if (millis > 0) {
                deadline = TIMER.schedule(() -> expire(token), millis, TimeUnit.MILLISECONDS);
            }
        }

        private void expire(int token) {
            boolean body;
            synchronized (this) {
                if (closed || token != deadlines) {
                    return;
                }
                body = requests.phase() == RequestStream.Phase.BODY;
            }
            String what = body ? "request body" : "request head";
            LOG.info(() -> "HTTP edge: cut off " + connection.getPeerAddress() + ", its " + what + " took too long");
            refuse(this, new Refusal(408, "the " + what + " did not arrive in time"), body, null);
        }
    }

    void connected(Connection<?> connection) {
        exchange(connection).armDeadline();
    }

    void closed(Connection<?> connection) {
        Exchange exchange = exchanges.remove(connection);
        if (exchange != null) {
            synchronized (exchange) {
                exchange.closed = true;
                if (exchange.deadline != null) {
                    exchange.deadline.cancel(false);
                }
            }
        }
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Exchange exchange = exchange(ctx.getConnection());
        Buffer input = ctx.getMessage();
        int start = input.position();
        RequestStream.Outcome outcome;
        boolean inBody;
        synchronized (exchange) {
            if (exchange.closed) {
                input.tryDispose();
                return ctx.getStopAction();
            }
            int from = start + exchange.alreadyRead;
            outcome = exchange.requests.read(input::get, from, input.limit());
            inBody = exchange.requests.phase() == RequestStream.Phase.BODY;
            exchange.alreadyRead = 0;
            if (outcome.refusal() == null) {
                int holdFrom = outcome.holdFrom();
                exchange.alreadyRead = input.limit() - holdFrom;
                exchange.armDeadline();
                if (holdFrom == start) {
                    return ctx.getStopAction(input); // the request is still incomplete
                }
                Buffer rest = holdFrom < input.limit() ? input.split(holdFrom) : null;
                if (!outcome.replacements().isEmpty()) {
                    ctx.setMessage(replaced(input, outcome.replacements(), ctx.getMemoryManager()));
                }
                return rest == null ? ctx.getInvokeAction() : ctx.getInvokeAction(rest); // the rest begins the next head
            }
        }
        Refusal refusal = outcome.refusal();
        LOG.info(() -> "HTTP edge: refused " + ctx.getConnection().getPeerAddress() + " " + refusal.status() + ": " + refusal.detail());
        input.tryDispose();
        refuse(exchange, refusal, inBody, ctx);
        return ctx.getStopAction();
    }

    /** The bytes of a read as they go on: with the changed heads in place of the received ones. */
    private static Buffer replaced(Buffer input, List<RequestStream.Replacement> replacements, MemoryManager<?> memory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(input.remaining());
        int at = input.position();
        for (RequestStream.Replacement replacement : replacements) {
            copy(input, at, replacement.from(), bytes);
            bytes.writeBytes(replacement.bytes());
            at = replacement.to();
        }
        copy(input, at, input.limit(), bytes);
        input.tryDispose();
        return Buffers.wrap(memory, bytes.toByteArray());
    }

    private static void copy(Buffer input, int from, int to, ByteArrayOutputStream bytes) {
        for (int i = from; i < to; i++) {
            bytes.write(input.get(i));
        }
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        Exchange exchange = exchanges.get(ctx.getConnection());
        if (exchange != null && ctx.getMessage() instanceof Buffer buffer) {
            synchronized (exchange) {
                if (exchange.answersStarted < exchange.requests.acceptedHeads()) {
                    ctx.setMessage(withStandardReason(exchange, buffer, ctx.getMemoryManager()));
                }
            }
        }
        return ctx.getInvokeAction();
    }

    /** The answer with the standard reason phrase in its status line, if it starts with one that has another. */
    private static Buffer withStandardReason(Exchange exchange, Buffer buffer, MemoryManager<?> memory) {
        int length = Math.min(STATUS_LINE_BYTES, buffer.remaining());
        byte[] start = new byte[length];
        for (int i = 0; i < length; i++) {
            start[i] = buffer.get(buffer.position() + i);
        }
        int status = ReasonPhrase.statusOf(start, length);
        if (status < 0) {
            return buffer;
        }
        if (status >= 200) {
            exchange.answersStarted++; // an interim 100 Continue is not the answer
        }
        byte[] line = ReasonPhrase.corrected(start, length);
        if (line == null) {
            return buffer;
        }
        buffer.position(buffer.position() + ReasonPhrase.lineEnd(start, length));
        return Buffers.appendBuffers(memory, Buffers.wrap(memory, line), buffer);
    }

    private Exchange exchange(Connection<?> connection) {
        Exchange exchange = exchanges.get(connection);
        if (exchange == null) {
            exchange = new Exchange(connection);
            exchanges.set(connection, exchange);
        }
        return exchange;
    }

    /**
     * Answers the refusal and closes the connection once it is written. Only when no other answer
     * can be under way on the connection: every request before the refused one has its answer
     * started, and (a body refused) the refused request has none yet; otherwise two answers could
     * interleave, and the connection is just closed.
     */
    private static void refuse(Exchange exchange, Refusal refusal, boolean ofBody, FilterChainContext ctx) {
        Connection<?> connection = exchange.connection;
        boolean answer;
        synchronized (exchange) {
            if (exchange.closed) {
                return;
            }
            exchange.closed = true;
            if (exchange.deadline != null) {
                exchange.deadline.cancel(false);
            }
            int before = exchange.requests.acceptedHeads() - (ofBody ? 1 : 0);
            answer = exchange.answersStarted == before;
        }
        if (!answer) {
            connection.closeSilently();
            return;
        }
        Buffer bytes = Buffers.wrap(connection.getMemoryManager(), refusal.toBytes());
        CompletionHandler<WriteResult> thenClose = new CompletionHandler<>() {
            @Override
            public void cancelled() {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }

            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void updated(WriteResult result) {
            }
        };
        if (ctx != null) {
            ctx.write(bytes, thenClose);
        } else {
            @SuppressWarnings("unchecked")
            Connection<Object> raw = (Connection<Object>) connection;
            raw.write(bytes, (CompletionHandler) thenClose);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "asu-http-edge-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}

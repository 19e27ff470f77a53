package org.openwrt.asu.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.it.HostileRequests.Kind;
import org.openwrt.asu.it.HostileRequests.Probe;
import org.openwrt.asu.it.RawHttp.Answer;

/**
 * The server as {@code misc/run} starts it, under more than 5,000 malformed and hostile requests
 * over raw sockets ({@link HostileRequests}) while 48 connections drip their requests a byte a
 * second: no answer is a server error (but a JSON 501 for an unknown method, and 505 for an HTTP version
 * other than 1.x), every error with a body is JSON, nothing outside
 * the store is served, the admin console gives nothing away without its login, and afterwards the
 * server is healthy and its heap where it was. Only the HTTP port may listen beyond loopback.
 * Prints the requests by status class, the largest answer and the slowest refusal.
 */
class HostileInputIT {

    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final String ADMIN_PASSWORD = "it-admin-secret";
    private static final byte[] STORED = "bytes from the store, nothing else\n".getBytes(StandardCharsets.US_ASCII);
    /** What must never appear in an answer: files outside the store, the server's settings, the admin console's data. */
    private static final List<String> SECRETS = List.of("root:x:0:0", "<web-app", "Manifest-Version", "asu.admin.password",
            ADMIN_PASSWORD, "BEGIN OPENSSH", "<domain ", "\"dead_letters\"", "\"running\"", "\"imagebuilders\"", "\"queue\":{");
    private static final Pattern USED_HEAP = Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*mp_scope=\"base\"[^}]*})? (\\S+)$");
    private static final int DRIPPING = 48;

    @Test
    void hostileRequestsAreRefusedAsJsonWithoutHarm() throws Exception {
        Path dir = Path.of(System.getProperty("asu.it.dir"), "hostile");
        ServerProcess.freshDirectory(dir);
        Path config = ServerProcess.writeConfig(dir.resolve("asu.properties"), System.getProperty("asu.it.hostile.broker.port"),
                "asu.redis.prefix=hostile-" + System.currentTimeMillis() + ":",
                "asu.builder.slots=1",
                "asu.builder.environment=IB_BUILD_SECONDS=1",
                "asu.admin.password=" + ADMIN_PASSWORD);
        Path data = dir.resolve("data");
        int port = Integer.getInteger("asu.it.http.port");
        try (ServerProcess server = new ServerProcess(data, config, port, "redis://127.0.0.1:" + System.getProperty("asu.it.redis.port"))) {
            server.start(BOOT);
            Path stored = data.resolve("store").resolve(HostileRequests.STORED_FILE);
            Files.createDirectories(stored.getParent());
            Files.write(stored, STORED);
            AsuClient asu = new AsuClient(server.base());
            asu.awaitFirstSync();

            List<String> beyondLoopback = listeningBeyondLoopback(server.jvm().pid(), port);
            long heapBefore = usedHeapAfterGc(server, asu);

            List<Socket> drips = startDripping(port);
            List<Probe> probes = HostileRequests.all();
            assertTrue(probes.size() >= 5000, probes.size() + " probes");
            Map<String, Integer> byClass = new TreeMap<>();
            Answer largest = null;
            String largestWhat = "";
            Answer slowest = null;
            String slowestWhat = "";
            List<String> failures = new ArrayList<>();
            List<Long> refusalMillis = new ArrayList<>();
            Map<String, Integer> emptyErrors = new TreeMap<>();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (Probe probe : probes) {
                    answers.add(senders.submit(() -> RawHttp.send(port, probe.raw(), 15_000)));
                }
                for (int i = 0; i < probes.size(); i++) {
                    Probe probe = probes.get(i);
                    Answer answer = answers.get(i).get();
                    byClass.merge(answer.status() < 0 ? "no answer" : undecodableEscape(probe, answer) ? "200 empty (path the container cannot map)"
                            : (answer.status() / 100) + "xx", 1, Integer::sum);
                    if (answer.status() >= 400) {
                        refusalMillis.add(answer.millis());
                    }
                    if (emptyContainerError(probe, answer)) {
                        emptyErrors.merge(answer.status() + " " + answer.reason(), 1, Integer::sum);
                    }
                    check(probe, answer, failures);
                    if (largest == null || answer.size() > largest.size()) {
                        largest = answer;
                        largestWhat = probe.what();
                    }
                    if (answer.status() >= 400 && (slowest == null || answer.millis() > slowest.millis())) {
                        slowest = answer;
                        slowestWhat = probe.what();
                    }
                }
            } finally {
                senders.shutdownNow();
            }
            long stillDripping = drips.stream().filter(HostileInputIT::open).count();
            for (Socket drip : drips) {
                drip.close();
            }

            System.out.printf("HostileInputIT: %d requests by status class %s; largest answer %d bytes (%s, %d); "
                    + "slowest refusal %d ms (%s, %d); %d of %d dripping connections still open after the run%n",
                    probes.size(), byClass, largest.size(), largestWhat, largest.status(), slowest.millis(), slowestWhat,
                    slowest.status(), stillDripping, DRIPPING);
            System.out.println("HostileInputIT: errors without a body (the container's, before the application): " + emptyErrors);
            Collections.sort(refusalMillis);
            System.out.printf("HostileInputIT: refusals answered in %d ms (median), %d ms (99th percentile)%n",
                    refusalMillis.get(refusalMillis.size() / 2), refusalMillis.get(refusalMillis.size() * 99 / 100));
            Files.write(dir.resolve("broken-rules.txt"), failures);
            assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())),
                    failures.size() + " probes broke a rule (all in " + dir.resolve("broken-rules.txt") + ")");
            assertTrue(largest.size() < 256 * 1024, "largest answer " + largest.size() + " bytes: " + largestWhat);

            assertHealthy(asu);
            long heapAfter = usedHeapAfterGc(server, asu);
            System.out.printf("HostileInputIT: used heap after a full GC %d MB before, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
            assertTrue(heapAfter < heapBefore + (128L << 20), "heap " + (heapBefore >> 20) + " MB before, " + (heapAfter >> 20) + " MB after");
            assertEquals(List.of(), beyondLoopback, "listening beyond loopback besides the HTTP port " + port);
        }
    }

    /** The rules every answer keeps; a broken rule is added to the failures with what was sent. */
    private static void check(Probe probe, Answer answer, List<String> failures) {
        String what = probe.kind() + " " + probe.what() + " → " + answer.status() + " " + answer.reason() + " "
                + HostileRequests.printable(answer.text());
        String text = answer.text();
        boolean json = isJsonError(answer);
        if (answer.status() >= 500 && !versionNotSupported(probe, answer) && !(answer.status() == 501 && json)) {
            failures.add("server error: " + what);
        }
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                failures.add("revealed " + secret + ": " + what);
            }
        }
        if (answer.status() >= 400 && answer.body().length > 0 && !json) {
            failures.add("error not JSON: " + what);
        }
        switch (probe.kind()) {
            case ADMIN -> {
                if (answer.status() >= 200 && answer.status() < 300 && answer.body().length > 0) {
                    failures.add("admin answered without login: " + what);
                }
            }
            case STORE -> {
                boolean fromTheStore = answer.headers().getOrDefault("content-disposition", "").startsWith("attachment");
                if (answer.status() == 200 && fromTheStore && !java.util.Arrays.equals(STORED, answer.body())) {
                    failures.add("store served something else: " + what);
                }
                if (answer.status() == 416 && !answer.headers().getOrDefault("content-range", "").equals("bytes */" + STORED.length)) {
                    failures.add("416 without Content-Range: " + what);
                }
            }
            case CODEC, OTHER -> {
                if (answer.status() >= 200 && answer.status() < 300 && answer.body().length == 0
                        && !probe.what().startsWith("HEAD") && !probe.what().startsWith("OPTIONS") && !undecodableEscape(probe, answer)) {
                    failures.add("empty success: " + what);
                }
            }
        }
    }

    /**
     * An error without any body: every error of the application is JSON (its resources, the
     * error page of its web.xml, the virtual server's error pages), so these come from Payara's
     * HTTP codec and CoyoteAdapter before any of that runs (malformed request lines, oversized
     * headers, a path that does not decode to a valid URI, TRACE). Counted and printed by status
     * and reason; a HEAD answer has no body by definition.
     */
    private static boolean emptyContainerError(Probe probe, Answer answer) {
        return answer.status() >= 400 && answer.body().length == 0 && !probe.what().startsWith("HEAD");
    }

    /**
     * Payara's CoyoteAdapter answers a path whose %-escape does not decode (and some that end in
     * {@code /.} or {@code /..}) with 200 and no body, before any filter, error page or setting
     * of the container can act: a known gap of the container, counted and printed apart; nothing
     * is served.
     */
    private static boolean undecodableEscape(Probe probe, Answer answer) {
        boolean unmappable = probe.what().startsWith("escape ")
                || probe.what().startsWith("traversal ") && (probe.what().endsWith("/.") || probe.what().endsWith("/.."));
        return unmappable && answer.status() == 200 && answer.body().length == 0;
    }

    /** 505 is the right answer to a version other than HTTP/1.x (RFC 9110 §15.6.6). */
    private static boolean versionNotSupported(Probe probe, Answer answer) {
        return answer.status() == 505 && probe.kind() == Kind.CODEC;
    }

    private static boolean isJsonError(Answer answer) {
        if (!answer.headers().getOrDefault("content-type", "").startsWith("application/json")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(answer.text()))) {
            JsonObject body = reader.readObject();
            JsonValue status = body.get("status");
            return status != null && (status.getValueType() == JsonValue.ValueType.NUMBER
                    && body.getInt("status") == answer.status() || status.getValueType() == JsonValue.ValueType.STRING);
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** Connections that send their request a byte a second: half of them the headers, half a declared body. */
    private static List<Socket> startDripping(int port) throws IOException {
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < DRIPPING; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            sockets.add(socket);
            String start = i % 2 == 0 ? "POST /api/v1/build HTTP/1.1\r\nHost: x\r\nX-Slow: "
                    : "POST /api/v1/build HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
            Thread drip = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(start.getBytes(StandardCharsets.US_ASCII));
                    while (!socket.isClosed()) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server (or the test) ended it
                }
            }, "drip-" + i);
            drip.setDaemon(true);
            drip.start();
        }
        return sockets;
    }

    /** Whether the server still keeps this connection: a write fails once it has closed its end. */
    private static boolean open(Socket socket) {
        try {
            socket.getOutputStream().write('a');
            socket.getOutputStream().flush();
            socket.getOutputStream().write('a');
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /**
     * The JVM's listening TCP sockets beyond loopback other than the HTTP port, from /proc: its
     * socket inodes among its file descriptors, looked up in the kernel's tables.
     */
    private static List<String> listeningBeyondLoopback(long pid, int httpPort) throws IOException {
        List<String> inodes = new ArrayList<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor that went away while listing
                }
            }
        }
        List<String> listening = new ArrayList<>();
        List<String> beyondLoopback = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                if (!"0A".equals(fields[3]) || !inodes.contains(fields[9])) {
                    continue;
                }
                String address = fields[1].substring(0, fields[1].indexOf(':'));
                int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
                boolean loopback = address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                        || address.equals("0000000000000000FFFF00000100007F");
                listening.add((loopback ? "127.0.0.1:" : "*:") + port);
                if (!loopback && port != httpPort) {
                    beyondLoopback.add(address + ":" + port);
                }
            }
        }
        System.out.println("HostileInputIT: the server's JVM listens on " + listening);
        assertTrue(listening.contains("*:" + httpPort), "the HTTP port listens: " + listening);
        return beyondLoopback;
    }

    /** Used heap after a full collection (jcmd GC.run), from /metrics. */
    private static long usedHeapAfterGc(ServerProcess server, AsuClient asu) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", Long.toString(server.jvm().pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        assertEquals(0, gc.waitFor(), "jcmd GC.run");
        Matcher heap = USED_HEAP.matcher(asu.get("/metrics").body());
        assertTrue(heap.find(), "no memory_usedHeap_bytes in /metrics");
        return (long) Double.parseDouble(heap.group(1));
    }

    /** Ready, and still serving the store, after the run. */
    private static void assertHealthy(AsuClient asu) {
        var ready = asu.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertArrayEquals(STORED, asu.get("/store/" + HostileRequests.STORED_FILE).body().getBytes(StandardCharsets.US_ASCII));
    }
}

package org.openwrt.asu.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Serves a download server tree over HTTP like downloads.openwrt.org does: GET and HEAD with
 * {@code Last-Modified} and {@code ETag}, answering conditional requests
 * ({@code If-None-Match}, {@code If-Modified-Since}) with 304, plus the directory index's
 * {@code ?json-targets} / {@code ?json} views under {@code .../targets/}. Tests read the
 * request log and switch faults on: a fixed error status or requests that hang.
 */
public final class MiniUpstream implements AutoCloseable {

    /** How long a hanging request waits at most before it is answered after all. */
    private static final long HANG_LIMIT_SECONDS = 600;

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Fault fault = Fault.NONE;
    private volatile CountDownLatch hanging = new CountDownLatch(1);

    /** One request as the server saw and answered it. */
    public record Request(String method, String path, boolean conditional, int status) {

        public boolean notModified() {
            return status == 304;
        }
    }

    private record Fault(int status, boolean hang, String pathPrefix) {
        static final Fault NONE = new Fault(0, false, "/");

        boolean appliesTo(String path) {
            return (status != 0 || hang) && path.startsWith(pathPrefix);
        }
    }

    private MiniUpstream(Path root, HttpServer server, ExecutorService executor) {
        this.root = root;
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code root} on 127.0.0.1; port 0 picks a free port. */
    public static MiniUpstream start(Path root, int port) throws IOException {
        return start(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public static MiniUpstream start(Path root, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "mini-upstream");
            thread.setDaemon(true);
            return thread;
        });
        var upstream = new MiniUpstream(root.toAbsolutePath().normalize(), server, executor);
        server.createContext("/", upstream::handle);
        server.setExecutor(executor);
        server.start();
        return upstream;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8123}: what a server takes as its upstream URL. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request answered so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for one path. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers every request with {@code status} (e.g. 404, 500) and an empty page. */
    public void failRequests(int status) {
        failRequests(status, "/");
    }

    /** Answers requests for paths starting with {@code pathPrefix} with {@code status}. */
    public void failRequests(int status, String pathPrefix) {
        releaseHangingRequests();
        fault = new Fault(status, false, pathPrefix);
    }

    /** Lets every request wait (up to ten minutes) until {@link #serveNormally()} or {@link #close()}. */
    public void hangRequests() {
        hangRequests("/");
    }

    public void hangRequests(String pathPrefix) {
        fault = new Fault(0, true, pathPrefix);
    }

    /** Ends faults; hanging requests are answered now. */
    public void serveNormally() {
        fault = Fault.NONE;
        releaseHangingRequests();
    }

    @Override
    public void close() {
        fault = Fault.NONE;
        releaseHangingRequests();
        server.stop(0);
        executor.shutdownNow();
    }

    private void releaseHangingRequests() {
        CountDownLatch released = hanging;
        hanging = new CountDownLatch(1);
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean conditional = exchange.getRequestHeaders().containsKey("If-None-Match")
                    || exchange.getRequestHeaders().containsKey("If-Modified-Since");
            Reply reply = reply(exchange, method, path);
            // logged before answering, so a client that got its answer finds it in the log
            requests.add(new Request(method, path, conditional, reply.status()));
            reply.sendTo(exchange);
        }
    }

    /** What to answer: a status with a body or a file; headers are already set on the exchange. */
    private record Reply(int status, byte[] body, Path file) {

        static Reply of(int status, HttpExchange exchange, String contentType, byte[] body) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            return new Reply(status, body, null);
        }

        void sendTo(HttpExchange exchange) throws IOException {
            long length = file != null ? Files.size(file) : body.length;
            boolean noBody = status == 304 || exchange.getRequestMethod().equals("HEAD") || length == 0;
            if (noBody) {
                if (status != 304) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (file != null) {
                    Files.copy(file, out);
                } else {
                    out.write(body);
                }
            }
        }
    }

    private Reply reply(HttpExchange exchange, String method, String path) throws IOException {
        Fault current = fault;
        if (current.appliesTo(path) && current.hang) {
            awaitRelease();
            current = fault;
        }
        if (current.appliesTo(path) && current.status != 0) {
            return Reply.of(current.status, exchange, "text/plain", new byte[0]);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return Reply.of(405, exchange, "text/plain", new byte[0]);
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.exists(file)) {
            return Reply.of(404, exchange, "text/html",
                    "<html><body><h1>404 Not Found</h1></body></html>\n".getBytes(StandardCharsets.UTF_8));
        }
        if (Files.isDirectory(file)) {
            return directory(exchange, path, file, exchange.getRequestURI().getQuery());
        }
        return file(exchange, file);
    }

    private void awaitRelease() {
        try {
            hanging.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Reply file(HttpExchange exchange, Path file) throws IOException {
        long modified = Files.getLastModifiedTime(file).toMillis() / 1000;
        long size = Files.size(file);
        // the same validator nginx sends: hex mtime and size
        String etag = "\"" + Long.toHexString(modified) + "-" + Long.toHexString(size) + "\"";
        var headers = exchange.getResponseHeaders();
        headers.set("Last-Modified", httpDate(modified));
        headers.set("ETag", etag);
        if (isNotModified(exchange, etag, modified)) {
            return new Reply(304, new byte[0], null);
        }
        headers.set("Content-Type", contentType(file.getFileName().toString()));
        return new Reply(200, null, file);
    }

    private static boolean isNotModified(HttpExchange exchange, String etag, long modified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return Stream.of(ifNoneMatch.split(","))
                    .map(tag -> tag.trim().replaceFirst("^W/", ""))
                    .anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                long since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toEpochSecond();
                return modified <= since;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * A directory: the HTML index without hidden files, or below {@code .../targets/} the JSON
     * views of the real index CGI ({@code ?json-targets}: the target/subtarget directories,
     * {@code ?json}: every file up to depth 3).
     */
    private static Reply directory(HttpExchange exchange, String path, Path dir, String query)
            throws IOException {
        boolean targets = path.endsWith("/targets/") || path.endsWith("/targets");
        if (targets && ("json-targets".equals(query) || "json".equals(query))) {
            boolean filesOnly = "json".equals(query);
            List<String> entries;
            try (Stream<Path> walk = Files.walk(dir, filesOnly ? 3 : 2)) {
                entries = walk.filter(p -> filesOnly ? Files.isRegularFile(p)
                                : dir.relativize(p).getNameCount() == 2 && Files.isDirectory(p))
                        .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
            }
            return Reply.of(200, exchange, "application/json",
                    Json.compact(new ArrayList<Object>(entries)).getBytes(StandardCharsets.UTF_8));
        }
        List<String> names;
        try (Stream<Path> list = Files.list(dir)) {
            names = list.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
        String links = names.stream().map(name -> "<a href=\"" + name + "\">" + name + "</a><br>\n")
                .collect(Collectors.joining());
        return Reply.of(200, exchange, "text/html", ("<html><body><h1>Index of " + path + "</h1>\n"
                + links + "</body></html>\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String httpDate(long epochSeconds) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC));
    }

    private static String contentType(String name) {
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.equals("Packages") || name.equals("sha256sums") || name.endsWith(".sig")
                || name.endsWith(".manifest") || name.endsWith(".buildinfo") || name.endsWith(".conf")
                || name.endsWith(".pub")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    /**
     * {@code MiniUpstream --generate DIR [--port N] [--bind ADDRESS]}: generates the tree into DIR
     * unless it is there, writes the public key to {@code DIR.pub}, serves DIR and prints the URL.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path directory = null;
        int port = 8123;
        String bind = InetAddress.getLoopbackAddress().getHostAddress();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--generate" -> directory = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                default -> usage("unknown option " + args[i]);
            }
        }
        if (directory == null) {
            usage("--generate DIR is required");
        }
        long started = System.nanoTime();
        UpstreamTree.generateIfMissing(directory);
        System.out.printf("Tree: %s (ready in %.1f s)%n", directory.toAbsolutePath().normalize(),
                (System.nanoTime() - started) / 1e9);
        System.out.println("Public key: " + UpstreamTree.publicKeyFile(directory) + " ("
                + UsignKey.TEST.publicKey() + ")");
        MiniUpstream upstream = start(directory, new InetSocketAddress(InetAddress.getByName(bind), port));
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
        System.out.println(upstream.url());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: MiniUpstream --generate DIR [--port N (8123; 0 = any)] [--bind ADDRESS (127.0.0.1)]");
        System.exit(2);
    }
}

package org.openwrt.asu.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page kept open in headless Chromium and driven over the DevTools protocol, for tests that act
 * on a page as its user would (click a button, confirm) and then read what it shows. Scripts run
 * with {@code Runtime.evaluate}; a promise is awaited.
 */
final class DevToolsPage implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private DevToolsPage(Process browser, Path profile, URI debuggerUrl) {
        this.browser = browser;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(debuggerUrl, new Replies()).join();
    }

    /** Starts {@code binary} headless with a fresh profile and opens {@code page} in it. */
    static DevToolsPage open(Path binary, URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("asu-it-devtools");
        List<String> command = HeadlessChromium.command(binary, profile);
        command.addAll(List.of("--remote-debugging-port=0", "about:blank"));
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = debuggingPort(profile, browser);
            HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/json/new?" + URLEncoder.encode(page.toString(), StandardCharsets.UTF_8)))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            DevToolsPage devTools = new DevToolsPage(browser, profile,
                    URI.create(parse(opened.body()).getString("webSocketDebuggerUrl")));
            devTools.awaitLoaded(page);
            return devTools;
        } catch (IOException | RuntimeException e) {
            browser.destroyForcibly();
            throw e;
        }
    }

    /** Until the page has replaced about:blank and finished loading; a script sent meanwhile may lose its context. */
    private void awaitLoaded(URI page) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Boolean.parseBoolean(evaluate("location.protocol !== 'about:' && document.readyState === 'complete'"))) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // the context was replaced by the page's; ask again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium did not load " + page + " within 30 s");
    }

    /** Runs a script in the page and returns its value as text (a string as is, anything else as JSON). */
    String evaluate(String script) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(Json.createObjectBuilder().add("id", id).add("method", "Runtime.evaluate")
                .add("params", Json.createObjectBuilder().add("expression", script)
                        .add("awaitPromise", true).add("returnByValue", true))
                .build().toString(), true).join();
        JsonObject answer;
        try {
            answer = reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from Chromium to " + script, e);
        }
        JsonObject result = answer.getJsonObject("result");
        if (result == null || result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("the script failed: " + script + "\n" + answer);
        }
        JsonValue value = result.getJsonObject("result").getOrDefault("value", JsonValue.NULL);
        return value instanceof JsonString text ? text.getString() : value.toString();
    }

    /** Whether the JavaScript {@code condition} became true within {@code timeout}, checked every 100 ms. */
    boolean await(String condition, Duration timeout) {
        return Boolean.parseBoolean(evaluate("(async () => { const end = Date.now() + " + timeout.toMillis() + ";"
                + " while (Date.now() < end) { try { if (" + condition + ") return true; } catch (notYet) {}"
                + " await new Promise(resolve => setTimeout(resolve, 100)); } return false; })()"));
    }

    @Override
    public void close() {
        socket.abort();
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HeadlessChromium.deleteProfile(profile);
    }

    /** Chromium writes the port it chose into the profile once it listens. */
    private static int debuggingPort(Path profile, Process browser) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(portFile)) {
                String firstLine = Files.readString(portFile).lines().findFirst().orElse("");
                if (!firstLine.isBlank()) {
                    return Integer.parseInt(firstLine.strip());
                }
            }
            if (!browser.isAlive()) {
                throw new IllegalStateException("chromium exited with " + browser.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium did not open its DevTools port within 30 s");
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Collects each message (it may come in parts) and hands an answer to the call waiting for its id. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonObject complete = parse(message.toString());
                message.setLength(0);
                if (complete.containsKey("id")) {
                    CompletableFuture<JsonObject> waiting = replies.remove(complete.getInt("id"));
                    if (waiting != null) {
                        waiting.complete(complete);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

package org.openwrt.asu.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, run headless once per page: {@code --dump-dom} prints the DOM after
 * the page's scripts ran (a virtual time budget lets their fetches finish), {@code --screenshot}
 * saves what it looks like. Every run gets a fresh profile directory, removed afterwards.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final String WINDOW = "1280,1000";

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser named by {@code -Dasu.it.chromium}, else {@code chromium} on the PATH. */
    static Optional<HeadlessChromium> find() {
        String configured = System.getProperty("asu.it.chromium", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable).map(HeadlessChromium::new);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** The page's DOM as HTML once its scripts have run. */
    String dumpDom(URI page) {
        return run(page, "--dump-dom");
    }

    /** Chromium headless with a profile of its own, nothing fetched but what the page asks for; options may follow. */
    static List<String> command(Path binary, Path profile) {
        return new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
    }

    /** The page kept open, to act on it over the DevTools protocol; the caller closes it. */
    DevToolsPage open(URI page) throws IOException, InterruptedException {
        return DevToolsPage.open(binary, page);
    }

    /** A 1280×1000 screenshot of the page into {@code file}. */
    void screenshot(URI page, Path file) {
        run(page, "--screenshot=" + file.toAbsolutePath(), "--window-size=" + WINDOW, "--hide-scrollbars");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("chromium made no screenshot of " + page);
        }
    }

    private String run(URI page, String... action) {
        Path profile = null;
        Path output = null;
        Path errors = null;
        try {
            profile = Files.createTempDirectory("asu-it-chromium");
            output = Files.createTempFile("asu-it-chromium", ".out");
            errors = Files.createTempFile("asu-it-chromium", ".log");
            List<String> command = command(binary, profile);
            command.add("--virtual-time-budget=5000");
            command.addAll(List.of(action));
            command.add(page.toString());
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish with " + page + " within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + " on " + page + ":\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteProfile(profile);
            delete(output);
            delete(errors);
        }
    }

    /**
     * Removes a profile, and the directory of the browser's singleton socket that the profile's
     * {@code SingletonSocket} link points to: Chromium makes it in the temporary directory and
     * leaves it there when it is stopped.
     */
    static void deleteProfile(Path profile) {
        if (profile == null) {
            return;
        }
        try {
            Path socketDir = Files.readSymbolicLink(profile.resolve("SingletonSocket")).getParent();
            if (socketDir != null && socketDir.getFileName().toString().contains("org.chromium.Chromium.")) {
                delete(socketDir);
            }
        } catch (IOException | UnsupportedOperationException noSocket) {
            // the browser never got as far as its socket
        }
        delete(profile);
    }

    private static void delete(Path path) {
        if (path == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is no reason to fail a test
        }
    }
}

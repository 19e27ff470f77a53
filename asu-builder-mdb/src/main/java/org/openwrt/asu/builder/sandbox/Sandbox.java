package org.openwrt.asu.builder.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs ImageBuilder commands confined: with bubblewrap ({@code bwrap}) the command sees the
 * whole file system read-only, may write only the directories it is given, has a private
 * {@code /tmp}, no network and no view of other processes. Every command runs with a clean
 * environment (no server secrets) and is killed, with everything it started, when it takes
 * longer than {@code asu.build.timeout}.
 */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** How commands are confined: {@code bwrap} (the default) or {@code none} (trusted ImageBuilders only). */
    public enum Mode { BWRAP, NONE }

    /**
     * A file or directory the command sees at {@code target} instead of what is there, for
     * this command only: {@code source} is mounted over it, read-only unless {@code writable}.
     */
    public record Overlay(Path source, Path target, boolean writable) {
    }

    private Mode configuredMode;
    private Duration timeLimit;
    private List<String> environment;
    private Optional<String> missingTool = Optional.empty();

    /** For the CDI proxy. */
    protected Sandbox() {
    }

    @Inject
    public Sandbox(@ConfigProperty(name = "asu.builder.sandbox") String mode,
                   @ConfigProperty(name = "asu.build.timeout") Duration timeout,
                   @ConfigProperty(name = "asu.builder.environment") Optional<String> environment) {
        configuredMode = Mode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
        timeLimit = timeout;
        // a plain string: Payara's config injection does not convert Optional<List<…>>
        this.environment = environment.map(list -> List.of(list.split(","))).orElse(List.of());
        if (configuredMode == Mode.BWRAP && findOnPath("bwrap").isEmpty()) {
            missingTool = Optional.of("bwrap");
        }
    }

    /** Says at start-up, not at the first build, that builds will be refused. */
    void reportAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (missingTool.isPresent()) {
            LOG.severe("bubblewrap (bwrap) is not installed: builds are refused until it is installed "
                    + "(Debian package bubblewrap) or asu.builder.sandbox=none is configured");
        } else if (configuredMode == Mode.NONE) {
            LOG.warning("asu.builder.sandbox=none: ImageBuilders run without a sandbox");
        }
    }

    /**
     * Runs {@code command} in {@code workingDirectory}, which it may write to, as it may write
     * to {@code writable}; stdout and stderr are captured.
     *
     * @throws SandboxUnavailableException when the sandbox tool is missing
     * @throws CommandTimeoutException     when the command ran out of time (it and its children are killed)
     */
    public CommandResult run(Path workingDirectory, List<Path> writable, List<String> command)
            throws IOException, InterruptedException {
        return run(workingDirectory, writable, List.of(), command);
    }

    /**
     * As {@link #run(Path, List, List)}, with {@code overlays} mounted over what the command
     * would otherwise see (after the writable directories, so they may lie inside them).
     *
     * @throws SandboxUnavailableException also when there are overlays but no bwrap to mount them
     */
    public CommandResult run(Path workingDirectory, List<Path> writable, List<Overlay> overlays, List<String> command)
            throws IOException, InterruptedException {
        if (missingTool.isPresent()) {
            throw new SandboxUnavailableException(missingTool.get());
        }
        if (configuredMode == Mode.NONE && !overlays.isEmpty()) {
            throw SandboxUnavailableException.forOverlays();
        }
        List<String> confined = new ArrayList<>();
        if (configuredMode == Mode.BWRAP) {
            confined.addAll(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                    "--tmpfs", "/tmp", "--unshare-all", "--die-with-parent", "--new-session"));
            for (Path path : concat(workingDirectory, writable)) {
                String absolute = path.toAbsolutePath().toString();
                confined.addAll(List.of("--bind", absolute, absolute));
            }
            for (Overlay overlay : overlays) {
                confined.addAll(List.of(overlay.writable() ? "--bind" : "--ro-bind",
                        overlay.source().toAbsolutePath().toString(), overlay.target().toAbsolutePath().toString()));
            }
            confined.addAll(List.of("--chdir", workingDirectory.toAbsolutePath().toString(), "--"));
        }
        confined.addAll(command);

        Path stdout = Files.createTempFile("asu-make", ".out");
        Path stderr = Files.createTempFile("asu-make", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(confined).directory(workingDirectory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", PATH);
            env.put("LANG", "C.UTF-8");
            env.put("HOME", workingDirectory.toAbsolutePath().toString());
            env.put("TMPDIR", "/tmp");
            for (String assignment : environment) {
                int equals = assignment.indexOf('=');
                if (equals > 0) {
                    env.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1).trim());
                }
            }
            Process process = builder.start();
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new CommandTimeoutException(timeLimit);
            }
            return new CommandResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Children first, so none of them is re-parented and survives; bwrap's own PID namespace ends with it. */
    private static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle straggler : process.descendants().toList()) {
            straggler.destroyForcibly();
        }
    }

    private static List<Path> concat(Path first, List<Path> rest) {
        List<Path> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static Optional<Path> findOnPath(String tool) {
        for (String directory : PATH.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

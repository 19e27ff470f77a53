package org.openwrt.asu.builder.imagebuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.openwrt.asu.builder.sandbox.CommandResult;
import org.openwrt.asu.builder.sandbox.Sandbox;

/** An extracted, verified ImageBuilder; {@code make} runs in it inside the sandbox. */
public final class ImageBuilder {

    private static final String KEYS = "keys";

    private final Path directory;
    private final Sandbox sandbox;
    private final List<Sandbox.Overlay> overlays;
    /** The key files one build brought along; empty for the shared ImageBuilder. */
    private final Set<String> ownKeys;

    ImageBuilder(Path directory, Sandbox sandbox) {
        this(directory, sandbox, List.of(), Set.of());
    }

    private ImageBuilder(Path directory, Sandbox sandbox, List<Sandbox.Overlay> overlays, Set<String> ownKeys) {
        this.directory = directory;
        this.sandbox = sandbox;
        this.overlays = List.copyOf(overlays);
        this.ownKeys = Set.copyOf(ownKeys);
    }

    public Path directory() {
        return directory;
    }

    /** APK-era ImageBuilders list their feeds in {@code repositories}, opkg-era ones in {@code repositories.conf}. */
    public boolean usesApk() {
        return Files.exists(directory.resolve("repositories"));
    }

    /** The file listing the feeds {@code make} installs from. */
    public Path repositoriesFile() {
        return directory.resolve(usesApk() ? "repositories" : "repositories.conf");
    }

    /**
     * This ImageBuilder as one build sees it: with its own repositories file (when given) and
     * its own {@code keys/} (the shared keys plus {@code keyFiles}, name to content), written
     * to {@code privateDirectory} and mounted by the sandbox over the shared ones for this
     * build's commands only.
     *
     * <p>Why mounts rather than writing into the ImageBuilder and restoring it afterwards: the
     * ImageBuilder is shared by every build of its version and target. Its own files are never
     * touched, so nothing of one request reaches the next, not even after a crash or a kill
     * half-way, and there is nothing to restore. The repositories file is mounted read-only;
     * {@code keys/} writable, because an ImageBuilder adds its local signing key there when
     * it first generates it: such files are copied back to the shared {@code keys/} after each
     * command, so they are not lost with the build's copy.
     */
    public ImageBuilder withPrivateFeeds(Path privateDirectory, Optional<String> repositories,
                                         Map<String, String> keyFiles) throws IOException {
        List<Sandbox.Overlay> mounts = new ArrayList<>(overlays);
        Files.createDirectories(privateDirectory);
        if (repositories.isPresent()) {
            Path shared = repositoriesFile();
            Path own = privateDirectory.resolve(shared.getFileName());
            Files.writeString(own, repositories.get());
            mounts.add(new Sandbox.Overlay(own, shared, false));
        }
        if (!keyFiles.isEmpty()) {
            Path shared = Files.createDirectories(directory.resolve(KEYS)); // every real ImageBuilder has it
            Path own = Files.createDirectories(privateDirectory.resolve(KEYS));
            for (Path key : files(shared)) {
                Files.copy(key, own.resolve(key.getFileName()), LinkOption.NOFOLLOW_LINKS);
            }
            for (Map.Entry<String, String> key : keyFiles.entrySet()) {
                Files.writeString(own.resolve(key.getKey()), key.getValue());
            }
            mounts.add(new Sandbox.Overlay(own, shared, true));
        }
        return new ImageBuilder(directory, sandbox, mounts, keyFiles.keySet());
    }

    /** {@code make <arguments>}; besides its own directory the command may write only to {@code writable}. */
    public CommandResult make(List<Path> writable, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make"));
        command.addAll(arguments);
        try {
            return sandbox.run(directory, writable, overlays, command);
        } finally {
            keepKeysOfTheImageBuilder();
        }
    }

    /** Copies what the ImageBuilder itself added to a build's {@code keys/} to the shared one. */
    private void keepKeysOfTheImageBuilder() throws IOException {
        for (Sandbox.Overlay overlay : overlays) {
            if (overlay.writable() && overlay.target().equals(directory.resolve(KEYS))) {
                for (Path key : files(overlay.source())) {
                    String name = key.getFileName().toString();
                    if (!ownKeys.contains(name) && !Files.exists(overlay.target().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(key, overlay.target().resolve(name), LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }
}

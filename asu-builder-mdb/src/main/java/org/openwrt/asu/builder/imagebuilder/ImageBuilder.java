package org.openwrt.asu.builder.imagebuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openwrt.asu.builder.sandbox.CommandResult;
import org.openwrt.asu.builder.sandbox.Sandbox;

/** An extracted, verified ImageBuilder; {@code make} runs in it inside the sandbox. */
public final class ImageBuilder {

    private final Path directory;
    private final Sandbox sandbox;

    ImageBuilder(Path directory, Sandbox sandbox) {
        this.directory = directory;
        this.sandbox = sandbox;
    }

    public Path directory() {
        return directory;
    }

    /** APK-era ImageBuilders list their feeds in {@code repositories}, opkg-era ones in {@code repositories.conf}. */
    public boolean usesApk() {
        return Files.exists(directory.resolve("repositories"));
    }

    /** {@code make <arguments>}; besides its own directory the command may write only to {@code writable}. */
    public CommandResult make(List<Path> writable, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make"));
        command.addAll(arguments);
        return sandbox.run(directory, writable, command);
    }
}

package org.openwrt.asu.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An ImageBuilder extracted from a generated archive, on which tests run real {@code make}. */
final class ImageBuilder {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path directory;

    private ImageBuilder(Path directory) {
        this.directory = directory;
    }

    /** Extracts the archive of {@code version}/{@code target} with tar, as ASU's setup does. */
    static ImageBuilder extract(String version, String target, Path into) throws Exception {
        Release release = Release.ALL.stream().filter(r -> r.versionNumber().equals(version))
                .findFirst().orElseThrow();
        Target buildTarget = Target.ALL.stream().filter(t -> t.name().equals(target))
                .findFirst().orElseThrow();
        Path archive = GeneratedTree.root().resolve(release.path()).resolve("targets").resolve(target)
                .resolve(release.imageBuilderArchiveName(buildTarget));
        Files.createDirectories(into);
        Result tar = run(into, List.of("tar", "-xf", archive.toString(), "--strip-components=1"));
        if (tar.exitCode() != 0) {
            throw new IllegalStateException("tar failed: " + tar.stderr());
        }
        return new ImageBuilder(into);
    }

    Path directory() {
        return directory;
    }

    /** Runs {@code make <arguments>} with a build time of zero seconds. */
    Result make(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("make"));
        command.addAll(List.of(arguments));
        if (command.stream().noneMatch(argument -> argument.startsWith("IB_BUILD_SECONDS="))) {
            command.add("IB_BUILD_SECONDS=0");
        }
        return run(directory, command);
    }

    static Result run(Path workingDirectory, List<String> command) throws Exception {
        Path out = Files.createTempFile("make", ".out");
        Path err = Files.createTempFile("make", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** The paths inside a squashfs image (or the tar an ImageBuilder without mksquashfs makes). */
    static List<String> imageContents(Path image) throws Exception {
        byte[] magic = new byte[4];
        try (var in = Files.newInputStream(image)) {
            in.readNBytes(magic, 0, 4);
        }
        boolean squashfs = new String(magic, StandardCharsets.ISO_8859_1).equals("hsqs");
        Result listing = squashfs
                ? run(image.getParent(), List.of("unsquashfs", "-l", "-d", "", image.toString()))
                : run(image.getParent(), List.of("tar", "-tf", image.toString()));
        if (listing.exitCode() != 0) {
            throw new IOException("cannot list " + image + ": " + listing.stderr());
        }
        return listing.stdout().lines().map(line -> line.replaceFirst("^\\./|^/", ""))
                .filter(line -> !line.isEmpty()).toList();
    }
}

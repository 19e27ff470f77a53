package org.openwrt.asu.builder.imagebuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.builder.sandbox.CommandResult;
import org.openwrt.asu.builder.sandbox.Sandbox;
import org.openwrt.asu.builder.sandbox.SandboxUnavailableException;

/** One build's own feeds and keys over a shared ImageBuilder, with real make in bwrap. */
class ImageBuilderTest {

    private static final String FEEDS = "src/gz openwrt_core https://downloads.openwrt.org/core\n";
    private static final String OFFICIAL_KEY = "untrusted comment: official\nRWSD1GDZmv8Ao7TzuBIQ+PAGLO1PKHaH+Jfq/ylUBCWayt2rowvF/1hy\n";

    @TempDir
    Path shared;

    @TempDir
    Path work;

    private final Sandbox sandbox = new Sandbox("bwrap", Duration.ofSeconds(30), Optional.empty());

    @BeforeEach
    void aSharedImageBuilder() throws Exception {
        // `make show` prints what the ImageBuilder sees; `make local-key` adds a key of its own, as a real one does once
        Files.writeString(shared.resolve("Makefile"), """
                show:
                \t@cat repositories.conf; for key in keys/*; do echo "$$key: $$(cat $$key)"; done
                local-key:
                \t@echo local > keys/local-key
                tamper:
                \t@echo tampered > repositories.conf
                """);
        Files.writeString(shared.resolve("repositories.conf"), FEEDS);
        Files.createDirectories(shared.resolve("keys"));
        Files.writeString(shared.resolve("keys/83d460d99aff00a3"), OFFICIAL_KEY);
    }

    @Test
    void aBuildSeesItsOwnFeedsAndKeysWhileTheSharedOnesStayAsTheyWere() throws Exception {
        ImageBuilder own = new ImageBuilder(shared, sandbox).withPrivateFeeds(work.resolve("overlay"),
                Optional.of(FEEDS + "src/gz extra https://feed.example.org/extra\n"),
                Map.of("ab1df166947b2551", "untrusted comment: ab1df166947b2551\nRWSr\n"));

        CommandResult seen = own.make(List.of(), List.of("show"));

        assertEquals(0, seen.exitCode(), seen.stderr());
        assertEquals(FEEDS + "src/gz extra https://feed.example.org/extra\n"
                + "keys/83d460d99aff00a3: " + OFFICIAL_KEY.strip() + "\n"
                + "keys/ab1df166947b2551: untrusted comment: ab1df166947b2551\nRWSr\n", seen.stdout());
        assertEquals(FEEDS, Files.readString(shared.resolve("repositories.conf")));
        assertEquals(List.of("83d460d99aff00a3"), names(shared.resolve("keys")));

        CommandResult next = new ImageBuilder(shared, sandbox).make(List.of(), List.of("show"));
        assertEquals(FEEDS + "keys/83d460d99aff00a3: " + OFFICIAL_KEY.strip() + "\n", next.stdout());
    }

    @Test
    void theBuildsFeedsAreReadOnly() throws Exception {
        ImageBuilder own = new ImageBuilder(shared, sandbox).withPrivateFeeds(work.resolve("overlay"),
                Optional.of("src/gz extra https://feed.example.org/extra\n"), Map.of());

        CommandResult tamper = own.make(List.of(), List.of("tamper"));

        assertFalse(tamper.succeeded());
        assertEquals(FEEDS, Files.readString(shared.resolve("repositories.conf")));
        assertEquals("src/gz extra https://feed.example.org/extra\n", Files.readString(work.resolve("overlay/repositories.conf")));
    }

    @Test
    void aKeyTheImageBuilderAddsItselfIsKeptForLaterBuildsButTheRequestsAreNot() throws Exception {
        ImageBuilder own = new ImageBuilder(shared, sandbox).withPrivateFeeds(work.resolve("overlay"), Optional.empty(),
                Map.of("custom-0.pem", "-----BEGIN PUBLIC KEY-----\n"));

        assertTrue(own.make(List.of(), List.of("local-key")).succeeded());

        assertEquals(List.of("83d460d99aff00a3", "local-key"), names(shared.resolve("keys")));
        assertEquals(FEEDS, Files.readString(shared.resolve("repositories.conf")), "no feeds given, none mounted");
    }

    @Test
    void withoutBwrapABuildWithItsOwnFeedsIsRefusedRatherThanWrittenIntoTheSharedImageBuilder() throws Exception {
        Sandbox none = new Sandbox("none", Duration.ofSeconds(30), Optional.empty());
        ImageBuilder own = new ImageBuilder(shared, none).withPrivateFeeds(work.resolve("overlay"),
                Optional.of("src/gz extra https://feed.example.org/extra\n"), Map.of());

        SandboxUnavailableException refused = assertThrows(SandboxUnavailableException.class,
                () -> own.make(List.of(), List.of("show")));
        assertTrue(refused.getMessage().startsWith("Custom repositories and repository keys need the bwrap sandbox"));
        assertTrue(new ImageBuilder(shared, none).make(List.of(), List.of("show")).succeeded(), "other builds still run");
    }

    private static List<String> names(Path directory) throws Exception {
        try (var entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}

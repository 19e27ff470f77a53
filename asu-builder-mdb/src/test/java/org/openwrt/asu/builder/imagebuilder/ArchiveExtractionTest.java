package org.openwrt.asu.builder.imagebuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractionTest {

    @TempDir
    Path dir;

    @Test
    void extractsZstdWithoutTheTopDirectoryKeepingModesAndInsideLinks() throws Exception {
        Path archive = dir.resolve("openwrt-imagebuilder-x.Linux-x86_64.tar.zst");
        try (TarArchiveOutputStream tar = tar(archive)) {
            directory(tar, "ib/");
            file(tar, "ib/Makefile", "all:\n", 0644);
            file(tar, "ib/scripts/run.sh", "#!/bin/sh\n", 0755);
            link(tar, "ib/scripts/alias.sh", "run.sh");
        }
        Path into = dir.resolve("out");

        ArchiveExtraction.extract(archive, into);

        assertEquals("all:\n", Files.readString(into.resolve("Makefile")));
        assertTrue(Files.isExecutable(into.resolve("scripts/run.sh")));
        assertFalse(Files.isExecutable(into.resolve("Makefile")));
        assertEquals("#!/bin/sh\n", Files.readString(into.resolve("scripts/alias.sh")));
    }

    @Test
    void extractsXz() throws Exception {
        Path archive = dir.resolve("openwrt-imagebuilder-x.Linux-x86_64.tar.xz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(Files.newOutputStream(archive)))) {
            file(tar, "ib/Makefile", "all:\n", 0644);
        }
        ArchiveExtraction.extract(archive, dir.resolve("out"));
        assertTrue(Files.exists(dir.resolve("out/Makefile")));
    }

    @Test
    void dotDotMembersAreRefusedAndNothingLandsOutside() throws Exception {
        assertRefused("ib/../../escaped", null);
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void absoluteMembersAreRefused() throws Exception {
        assertRefused("ib//" + dir.resolve("absolute").toString().substring(1), null);
        assertFalse(Files.exists(dir.resolve("absolute")));
    }

    @Test
    void linksLeavingTheDirectoryAreRefused() throws Exception {
        assertRefused("ib/outside", "../../");
        assertRefused("ib/etc", "/etc");
    }

    @Test
    void filesWrittenThroughALinkToOutsideAreRefused() throws Exception {
        Path archive = dir.resolve("through.tar.zst");
        Path outside = Files.createDirectories(dir.resolve("victim"));
        try (TarArchiveOutputStream tar = tar(archive)) {
            TarArchiveEntry entry = new TarArchiveEntry("ib/sub", TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(".");
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            file(tar, "ib/sub/sub/ok", "inside", 0644);
        }
        ArchiveExtraction.extract(archive, dir.resolve("out"));
        assertTrue(Files.exists(dir.resolve("out/ok")));
        assertEquals(0, outside.toFile().list().length);
    }

    private void assertRefused(String member, String symlinkTarget) throws Exception {
        Path archive = Files.createTempFile(dir, "evil", ".tar.zst");
        try (TarArchiveOutputStream tar = tar(archive)) {
            file(tar, "ib/Makefile", "all:\n", 0644);
            if (symlinkTarget == null) {
                file(tar, member, "evil", 0644);
            } else {
                link(tar, member, symlinkTarget);
            }
        }
        IOException refused = assertThrows(IOException.class, () -> ArchiveExtraction.extract(archive, dir.resolve("refused")));
        assertTrue(refused.getMessage().contains("is outside the destination"), refused.getMessage());
    }

    private static TarArchiveOutputStream tar(Path archive) throws IOException {
        OutputStream out = new ZstdCompressorOutputStream(Files.newOutputStream(archive));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}

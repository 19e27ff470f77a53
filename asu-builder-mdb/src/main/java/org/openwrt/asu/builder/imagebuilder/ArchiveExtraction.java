package org.openwrt.asu.builder.imagebuilder;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks an ImageBuilder archive ({@code .tar.xz} or {@code .tar.zst}) without its top
 * directory, as {@code tar --strip-components=1} would, but refuses every member that would
 * land outside the destination: absolute names, {@code ..}, links pointing out, and files
 * written through a link.
 */
public final class ArchiveExtraction {

    private ArchiveExtraction() {
    }

    /** Thrown for an archive member that would escape the destination; nothing of it is written. */
    public static final class UnsafeMemberException extends IOException {
        UnsafeMemberException(String member, String why) {
            super("archive member " + member + " " + why);
        }
    }

    public static void extract(Path archive, Path destination) throws IOException {
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             InputStream decompressed = decompress(archive, file);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = stripTopDirectory(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = inside(root, root, name, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                ensureRealParentInside(root, target, entry.getName());
                if (entry.isSymbolicLink()) {
                    inside(root, target.getParent(), entry.getLinkName(), entry.getName());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path existing = inside(root, root, stripTopDirectory(entry.getLinkName()), entry.getName());
                    Files.deleteIfExists(target);
                    Files.createLink(target, existing);
                } else if (entry.isFile()) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
                // devices and fifos have no place in an ImageBuilder: skipped
            }
        }
    }

    private static InputStream decompress(Path archive, InputStream in) throws IOException {
        String name = archive.getFileName().toString();
        if (name.endsWith(".tar.zst")) {
            return new ZstdCompressorInputStream(in);
        }
        if (name.endsWith(".tar.xz")) {
            return new XZCompressorInputStream(in);
        }
        throw new IOException("not an ImageBuilder archive (.tar.xz or .tar.zst): " + name);
    }

    private static String stripTopDirectory(String name) {
        String relative = name.startsWith("./") ? name.substring(2) : name;
        int slash = relative.indexOf('/');
        return slash < 0 ? "" : relative.substring(slash + 1);
    }

    /** {@code name} resolved against {@code base}; refused unless it stays below {@code root}. */
    private static Path inside(Path root, Path base, String name, String member) throws UnsafeMemberException {
        if (name.startsWith("/") || ("/" + name + "/").contains("/../")) {
            throw new UnsafeMemberException(member, "is outside the destination (" + name + ")");
        }
        Path resolved = base.resolve(name).normalize();
        if (!resolved.startsWith(root)) {
            throw new UnsafeMemberException(member, "is outside the destination (" + name + ")");
        }
        return resolved;
    }

    /** A directory the archive made into a link (inside, checked) must still end up inside once followed. */
    private static void ensureRealParentInside(Path root, Path target, String member) throws IOException {
        if (!target.getParent().toRealPath().startsWith(root)) {
            throw new UnsafeMemberException(member, "is outside the destination (through a link)");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0 && bits[bit] != PosixFilePermission.OTHERS_WRITE
                    && bits[bit] != PosixFilePermission.GROUP_WRITE) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }
}

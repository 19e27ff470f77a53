package org.openwrt.asu.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A reproducible tar: entries in name order, owned by root, all with the same modification
 * time, parent directories included.
 */
final class TarArchive {

    private static final int DIRECTORY_MODE = 040755;
    private static final int FILE_MODE = 0100644;
    private static final int EXECUTABLE_MODE = 0100755;

    private final String topDirectory;
    private final Map<String, byte[]> files = new TreeMap<>();
    private final Map<String, Integer> modes = new TreeMap<>();

    /** All entries go below {@code topDirectory}. */
    TarArchive(String topDirectory) {
        this.topDirectory = topDirectory;
        addDirectory("");
    }

    void addFile(String path, byte[] content, boolean executable) {
        addParents(path);
        files.put(topDirectory + "/" + path, content);
        modes.put(topDirectory + "/" + path, executable ? EXECUTABLE_MODE : FILE_MODE);
    }

    void addFile(String path, String content) {
        addFile(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    void addDirectory(String path) {
        addParents(path);
        String name = path.isEmpty() ? topDirectory + "/" : topDirectory + "/" + path + "/";
        modes.put(name, DIRECTORY_MODE);
    }

    private void addParents(String path) {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            addDirectory(path.substring(0, slash));
        }
    }

    byte[] toBytes(long modificationTimeSeconds) {
        var buffer = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(buffer)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Map.Entry<String, Integer> entry : modes.entrySet()) {
                String name = entry.getKey();
                byte[] content = files.getOrDefault(name, new byte[0]);
                var header = new TarArchiveEntry(name);
                header.setMode(entry.getValue());
                header.setModTime(modificationTimeSeconds * 1000);
                header.setIds(0, 0);
                header.setNames("root", "root");
                header.setSize(content.length);
                tar.putArchiveEntry(header);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}

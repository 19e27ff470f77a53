package org.openwrt.asu.application;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where the files of finished builds are kept, one directory per build named by its request
 * hash ({@code bin_dir}), and how a client gets one of them ({@code /store/<bin_dir>/<file>}):
 * this node's disk, or an S3 bucket that every node shares ({@code asu.store.backend}).
 */
public interface ImageStore {

    /**
     * Makes the files below {@code directory} the build's, replacing what an earlier build of
     * the same hash left. The directory may be emptied or moved away.
     */
    void put(String requestHash, Path directory) throws IOException;

    /** How a client downloads {@code <bin_dir>/<file>}; nothing for a path that cannot name a stored file. */
    Optional<Download> download(String path);

    /** Every build directory in the store (its name, normally a request hash) with when it last changed. */
    Map<String, Instant> builds() throws IOException;

    /** Deletes a build directory and everything in it. */
    void delete(String requestHash) throws IOException;

    /** Where a download comes from. */
    sealed interface Download {

        /** A regular file on this node's disk, which the server sends itself. */
        record LocalFile(Path file) implements Download {
        }

        /** Somewhere else the client is sent to (302): a public URL or a presigned one. */
        record Elsewhere(URI location) implements Download {
        }
    }
}

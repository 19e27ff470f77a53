package org.openwrt.asu.interfaces.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 2021 API's shapes. */
public final class LegacySchemas {

    private LegacySchemas() {
    }

    /** Errors of /api/build, /api/branches, /api/latest. */
    @Schema(name = "LegacyError", description = "2021 API error: a status word and a message.")
    public static class Error {
        @Schema(description = "bad_request, bad_packages, duplicate_package_list, not_found, unavailable, …")
        public String status;
        @Schema(description = "What went wrong.")
        public String message;
    }

    /** The 2021 build answer. */
    @Schema(name = "LegacyBuildState", description = "202 queued (with queue_position) or started, 200 the result "
            + "(without status), 500 failed (status failed, message). 12-hex request hashes, HTTP dates.")
    public static class BuildState {
        @Schema(description = "queued, started or failed.")
        public String status;
        @Schema(description = "Builds ahead (queued only).")
        public Long queue_position;
        @Schema(description = "Failure reason (failed only).")
        public String message;
        @Schema(description = "The request as accepted, then as built (every stage).", implementation = BuildRequestSchema.class)
        public Object request;
        @Schema(description = "HTTP date of acceptance.")
        public String enqueued_at;
        @Schema(description = "12 hex digits.")
        public String request_hash;
    }
}

package org.openwrt.asu.interfaces.rest.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 422: the body does not fit the contract; every violation is listed. */
@Schema(name = "ValidationError", description = "422: every way the body violates the BuildRequest contract.")
public class ValidationErrorSchema {

    @Schema(description = "422.")
    public int status;

    @Schema(description = "The violations.")
    public List<Violation> detail;

    /** One violation, in the original server's (pydantic's) words. */
    @Schema(name = "Violation")
    public static class Violation {
        @Schema(description = "Kind: missing, string_pattern_mismatch, string_too_long, less_than_equal, …")
        public String type;
        @Schema(description = "Where: body, then the field name (and index or key).")
        public List<Object> loc;
        @Schema(description = "Human-readable message.")
        public String msg;
        @Schema(description = "The offending input.")
        public Object input;
    }
}

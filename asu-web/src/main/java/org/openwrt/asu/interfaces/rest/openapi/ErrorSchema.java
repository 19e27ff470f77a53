package org.openwrt.asu.interfaces.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The v1 error shape. */
@Schema(name = "Error", description = "Every v1 error: the HTTP status as an integer and what went wrong.",
        requiredProperties = {"status", "detail"})
public class ErrorSchema {

    @Schema(description = "HTTP status.", example = "400")
    public int status;

    @Schema(description = "Short title (404 of an unknown hash, 529).", nullable = true)
    public String title;

    @Schema(description = "What went wrong.")
    public String detail;
}

package org.openwrt.asu.interfaces.rest.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A build's state as {@code /api/v1/build} answers it; headers X-Imagebuilder-Status and X-Queue-Position repeat the stage and position. */
@Schema(name = "BuildState", description = "202 while queued or started, 200 with the result when done, "
        + "500 with the builder's message when failed; status, detail, imagebuilder_status, request, enqueued_at "
        + "and request_hash at every stage. A done build also carries the fields of the "
        + "ImageBuilder's profiles.json for the profile (images, target, version_number, …).")
public class BuildStateSchema {

    @Schema(description = "HTTP status repeated: 200, 202 or 500.")
    public int status;

    @Schema(description = "queued, started, done, or the failure (Error: <reason>, or failed).")
    public String detail;

    @Schema(description = "Stage: queued, init, container_setup, validate_revision, validate_manifest, "
            + "building_image, done or failed.")
    public String imagebuilder_status;

    @Schema(description = "Builds ahead of this one (queued only).")
    public Long queue_position;

    @Schema(description = "When the request was accepted (ISO 8601, UTC).")
    public String enqueued_at;

    @Schema(description = "SHA-256 of the canonical request: poll GET /api/v1/build/{request_hash}.")
    public String request_hash;

    @Schema(description = "The request, at every stage: as accepted (canonical profile, packages_versions' names as packages), "
            + "then as built (packages after rewrites).", implementation = BuildRequestSchema.class)
    public Object request;

    @Schema(description = "Directory under /store/ with the images (done only).")
    public String bin_dir;

    @Schema(description = "Built images with name, type, filesystem and sha256 (done only).", type = SchemaType.ARRAY, implementation = Object.class)
    public List<Object> images;

    @Schema(description = "Installed packages, name to version (done only).", type = SchemaType.OBJECT)
    public Map<String, String> manifest;

    @Schema(description = "Output of the last ImageBuilder command (started, done, failed).")
    public String stdout;

    @Schema(description = "Error output of the last ImageBuilder command.")
    public String stderr;
}

package org.openwrt.asu.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.openwrt.asu.interfaces.rest.openapi.BuildRequestSchema;
import org.openwrt.asu.interfaces.rest.openapi.BuildStateSchema;
import org.openwrt.asu.interfaces.rest.openapi.ErrorSchema;
import org.openwrt.asu.interfaces.rest.openapi.LegacySchemas;
import org.openwrt.asu.interfaces.rest.openapi.StatsSchemas;
import org.openwrt.asu.interfaces.rest.openapi.ValidationErrorSchema;

/**
 * All routes hang off the root: {@code /api/v1/…}, {@code /api/…} (2021 API), {@code /json/v1/…}, {@code /store/…},
 * and the operators' {@code /admin/api/…}.
 */
@OpenAPIDefinition(info = @Info(title = "ASU: Attended Sysupgrade Server", version = "1",
        description = "Builds OpenWrt firmware images with a chosen package selection for a device. "
                + "The v1 API (/api/v1/...), the metadata (/json/v1/...), built images (/store/...) and the 2021 API (/api/...)."),
        components = @Components(schemas = {
            @Schema(name = "BuildRequest", implementation = BuildRequestSchema.class),
            @Schema(name = "BuildState", implementation = BuildStateSchema.class),
            @Schema(name = "Error", implementation = ErrorSchema.class),
            @Schema(name = "ValidationError", implementation = ValidationErrorSchema.class),
            @Schema(name = "LegacyError", implementation = LegacySchemas.Error.class),
            @Schema(name = "LegacyBuildState", implementation = LegacySchemas.BuildState.class),
            @Schema(name = "QueueLength", implementation = StatsSchemas.QueueLength.class),
            @Schema(name = "StatsSummary", implementation = StatsSchemas.Summary.class),
            @Schema(name = "Chart", implementation = StatsSchemas.Chart.class),
            @Schema(name = "TopPackages", implementation = StatsSchemas.TopPackages.class),
            @Schema(name = "Revision", implementation = StatsSchemas.Revision.class)},
        responses = {
            @APIResponse(name = "AdminLoginMissing", responseCode = "401", description = "No or a wrong login (WWW-Authenticate: Basic)",
                    content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error"))),
            @APIResponse(name = "AdminActionRefused", responseCode = "403", description = "The action lacks the X-Requested-By header",
                    content = @Content(mediaType = "application/json", schema = @Schema(ref = "Error")))},
        securitySchemes = @SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "asu.admin.user / asu.admin.password")))
@ApplicationPath("/")
public class AsuApplication extends Application {
}

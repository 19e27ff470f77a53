package org.openwrt.asu.interfaces.rest.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.openwrt.asu.application.BuildPolicy;
import org.openwrt.asu.domain.BuildRequestReader;

/**
 * Completes the document the annotations give (registered as {@code mp.openapi.filter}):
 * JAX-RS templates such as {@code /store/{path: .+}} carry a regular expression that OpenAPI does
 * not know, so they read {@code /store/{path}}; and the build request's limits are this server's
 * settings and its enumerations the reader's lists, which annotations cannot name.
 */
public class ApiDocumentFilter implements OASFilter {

    private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        plainPathTemplates(openAPI.getPaths());
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Schema request = openAPI.getComponents().getSchemas().get(BuildRequestSchema.NAME);
            if (request != null && request.getProperties() != null) {
                // the application's settings: WildFly runs the filter on a thread of its own, whose
                // context class loader would give the server's configuration
                buildRequestLimits(request.getProperties(), ConfigProvider.getConfig(ApiDocumentFilter.class.getClassLoader()));
            }
        }
    }

    private static void plainPathTemplates(Paths paths) {
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> renamed = new LinkedHashMap<>();
        paths.getPathItems().forEach((path, item) -> renamed.put(REGEX_PARAMETER.matcher(path).replaceAll("{$1}"), item));
        paths.setPathItems(renamed);
    }

    private static void buildRequestLimits(Map<String, Schema> fields, Config config) {
        fields.get("defaults").setMaxLength(config.getValue(BuildPolicy.MAX_DEFAULTS_LENGTH, Integer.class));
        fields.get("rootfs_size_mb").setMaximum(new BigDecimal(config.getValue(BuildPolicy.MAX_ROOTFS_SIZE_MB, Integer.class)));
        fields.get("filesystem").setEnumeration(List.<Object>copyOf(BuildRequestReader.FILESYSTEMS));
        fields.get("repositories_mode").setEnumeration(List.<Object>copyOf(BuildRequestReader.REPOSITORIES_MODES));
    }
}

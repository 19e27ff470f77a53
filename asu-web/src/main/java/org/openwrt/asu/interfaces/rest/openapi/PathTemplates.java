package org.openwrt.asu.interfaces.rest.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * JAX-RS templates such as {@code /store/{path: .+}} carry a regular expression that OpenAPI
 * does not know: the document shows them as {@code /store/{path}}. Registered as
 * {@code mp.openapi.filter}.
 */
public class PathTemplates implements OASFilter {

    private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> renamed = new LinkedHashMap<>();
        paths.getPathItems().forEach((path, item) -> renamed.put(REGEX_PARAMETER.matcher(path).replaceAll("{$1}"), item));
        paths.setPathItems(renamed);
    }
}

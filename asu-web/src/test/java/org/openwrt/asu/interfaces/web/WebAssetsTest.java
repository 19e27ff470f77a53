package org.openwrt.asu.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebAssetsTest {

    private final WebAssets assets = new WebAssets();

    @Test
    void pagesAndStaticFilesHaveTheirContentTypes() {
        assertEquals("text/html; charset=utf-8", assets.page("overview.html").orElseThrow().contentType());
        assertEquals("text/html; charset=utf-8", assets.page("stats.html").orElseThrow().contentType());
        assertEquals("text/css; charset=utf-8", assets.staticFile("asu.css").orElseThrow().contentType());
        assertEquals("text/javascript; charset=utf-8", assets.staticFile("charts.js").orElseThrow().contentType());
        assertEquals("image/svg+xml", assets.staticFile("favicon.svg").orElseThrow().contentType());
    }

    @Test
    void onlyPlainNamesOfKnownKindsAreLookedUp() {
        for (String name : List.of("", "nope.js", "../overview.html", "..%2Fstats.html", ".hidden.css", "WebAssets.class",
                "org/openwrt/asu/interfaces/web/asu.css", "asu.css/", "ASU.CSS", "overview.html")) {
            assertTrue(assets.staticFile(name).isEmpty(), name);
        }
        assertTrue(assets.staticFile(null).isEmpty());
        assertTrue(assets.page("asu.css").isEmpty());
        assertTrue(assets.page("../../../META-INF/MANIFEST.MF").isEmpty());
    }

    @Test
    void theValidatorFollowsTheContent() {
        WebAssets.Asset css = assets.staticFile("asu.css").orElseThrow();
        assertEquals(32, css.etag().length());
        assertEquals(css.etag(), new WebAssets().staticFile("asu.css").orElseThrow().etag());
        assertFalse(css.etag().equals(assets.staticFile("charts.js").orElseThrow().etag()));
    }

    /** Every /static/ address in the pages and every module a script imports is a file the WAR serves. */
    @Test
    void everythingThePagesLoadIsServedFromHere() {
        Set<String> loaded = new TreeSet<>();
        for (String page : List.of("overview.html", "stats.html", "admin.html")) {
            String html = text(assets.page(page).orElseThrow());
            Matcher reference = Pattern.compile("(?:src|href)=\"(/static/[^\"]+)\"").matcher(html);
            while (reference.find()) {
                loaded.add(reference.group(1).substring("/static/".length()));
            }
            assertFalse(Pattern.compile("(?:src|href)=\"(?:https?:)?//").matcher(html.replaceAll("<a [^>]*>", "")).find(),
                    page + " loads something from elsewhere");
        }
        for (String script : List.copyOf(loaded)) {
            if (script.endsWith(".js")) {
                Matcher module = Pattern.compile("from '\\./([^']+)'").matcher(text(assets.staticFile(script).orElseThrow()));
                while (module.find()) {
                    loaded.add(module.group(1));
                }
            }
        }
        assertTrue(loaded.containsAll(Set.of("asu.css", "favicon.svg", "overview.js", "stats.js", "common.js", "charts.js")), loaded.toString());
        for (String name : loaded) {
            assertTrue(assets.staticFile(name).isPresent(), name);
            assertFalse(text(assets.staticFile(name).orElseThrow()).matches("(?s).*(?:import\\s*\\(?\\s*['\"]https?:|url\\(\\s*['\"]?https?:).*"), name);
        }
    }

    private static String text(WebAssets.Asset asset) {
        return new String(asset.content(), StandardCharsets.UTF_8);
    }
}

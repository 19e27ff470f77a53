package org.openwrt.asu.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of a DOM that Chromium printed ({@code --dump-dom}), read the way a test needs it: the
 * element that carries an attribute, its text, how often a tag occurs, an attribute's values.
 * Chromium's serialisation is regular (lower-case tags, double-quoted attributes), so plain text
 * search is enough; no HTML parser on the test class path.
 */
final class RenderedPage {

    private final String html;

    RenderedPage(String html) {
        this.html = html;
    }

    /** The first element with this attribute, e.g. {@code id="queue-length"} or {@code data-series="24.10"}. */
    Optional<RenderedPage> element(String attribute) {
        int at = html.indexOf(attribute);
        if (at < 0) {
            return Optional.empty();
        }
        int start = html.lastIndexOf('<', at);
        Matcher name = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)").matcher(html).region(start, html.length());
        if (!name.lookingAt()) {
            return Optional.empty();
        }
        String tag = name.group(1);
        Matcher boundary = Pattern.compile("<(/?)" + Pattern.quote(tag) + "(?=[\\s>/])").matcher(html);
        int depth = 0;
        int from = start;
        while (boundary.find(from)) {
            depth += boundary.group(1).isEmpty() ? 1 : -1;
            from = boundary.end();
            if (depth == 0) {
                int end = html.indexOf('>', boundary.end());
                return Optional.of(new RenderedPage(html.substring(start, end + 1)));
            }
        }
        return Optional.of(new RenderedPage(html.substring(start)));
    }

    /** The element with this attribute, or an assertion failure that shows where it was looked for. */
    RenderedPage require(String attribute) {
        return element(attribute).orElseThrow(() -> new AssertionError("no element with " + attribute + " in:\n" + html));
    }

    /** What a reader sees: the text without tags, entities resolved, white space collapsed. */
    String text() {
        return html.replaceAll("<title>.*?</title>", " ").replaceAll("<[^>]*>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }

    /** How many {@code <tag} elements the piece holds. */
    int count(String tag) {
        return (int) Pattern.compile("<" + Pattern.quote(tag) + "(?=[\\s>/])").matcher(html).results().count();
    }

    /** The values of an attribute on every element that has it, in document order. */
    List<String> values(String attribute) {
        List<String> values = new ArrayList<>();
        Matcher value = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(html);
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }

    boolean contains(String text) {
        return html.contains(text);
    }

    @Override
    public String toString() {
        return html;
    }
}

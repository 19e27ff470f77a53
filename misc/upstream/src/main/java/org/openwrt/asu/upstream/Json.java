package org.openwrt.asu.upstream;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way the upstream files are written: compact with sorted keys (profiles.json,
 * by Python's {@code json.dumps(separators=(",", ":"))}) or indented by two spaces (the catalogue
 * files). Values are {@link Map}s (written in their iteration order), {@link List}s, strings,
 * numbers and booleans.
 */
final class Json {

    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();

    private Json(boolean pretty) {
        this.pretty = pretty;
    }

    static String compact(Object value) {
        return new Json(false).value(value, 0).out.toString();
    }

    static String pretty(Object value) {
        return new Json(true).value(value, 0).out.append('\n').toString();
    }

    private Json value(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            object(map, depth);
        } else if (value instanceof List<?> list) {
            array(list, depth);
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
        return this;
    }

    private void object(Map<?, ?> map, int depth) {
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(separator);
            indent(depth + 1);
            string(entry.getKey().toString());
            out.append(pretty ? ": " : ":");
            value(entry.getValue(), depth + 1);
            separator = ",";
        }
        if (!map.isEmpty()) {
            indent(depth);
        }
        out.append('}');
    }

    private void array(List<?> list, int depth) {
        out.append('[');
        String separator = "";
        for (Object element : list) {
            out.append(separator);
            indent(depth + 1);
            value(element, depth + 1);
            separator = ",";
        }
        if (!list.isEmpty()) {
            indent(depth);
        }
        out.append(']');
    }

    private void indent(int depth) {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void string(String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

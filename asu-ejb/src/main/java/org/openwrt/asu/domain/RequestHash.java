package org.openwrt.asu.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request hash: the identity of a build, its cache key and its store directory. It is
 * computed exactly as the original server does (SHA-256 over 14 fields rendered the way Python
 * prints them), so hashes stay stable across servers, restarts and languages.
 */
public final class RequestHash {

    private static final java.util.Comparator<String> BY_CODE_POINT = RequestHash::compareCodePoints;

    private RequestHash() {
    }

    /** The full 64-hex hash of a (validated, profile-sanitised) request. */
    public static String of(BuildRequest request) {
        String defaults = request.defaults() == null ? "" : request.defaults();
        return sha256(request.distro()
                + request.version()
                + request.versionCode()
                + request.target()
                + request.profile()
                + packagesHash(request.requestedPackages())
                + sha256(PythonText.jsonDumpsSorted(request.packagesVersions()))
                + (request.diffPackages() ? "True" : "False")
                + (request.filesystem() == null ? "" : request.filesystem())
                + sha256(defaults)
                + (request.rootfsSizeMb() == null ? "None" : request.rootfsSizeMb().toString())
                + PythonText.repr(request.repositoryKeys())
                + PythonText.repr(request.repositories())
                + request.repositoriesMode());
    }

    /**
     * The 12-hex hash of the 2021 API ({@code /api/build}): seven space-joined fields, the
     * distribution as sent (empty when absent), only the {@code packages} field for the
     * packages hash. Kept so old clients' URLs stay valid.
     */
    public static String legacy(String distroAsSent, BuildRequest request) {
        TreeSet<String> packages = new TreeSet<>(BY_CODE_POINT);
        packages.addAll(request.packages());
        return sha256(String.join(" ",
                distroAsSent,
                request.version(),
                request.versionCode(),
                request.profile(),
                sha256(String.join(" ", packages)).substring(0, 12),
                sha256(PythonText.jsonDumpsSorted(request.packagesVersions())).substring(0, 32),
                request.diffPackages() ? "True" : "False")).substring(0, 12);
    }

    /**
     * SHA-256 of the sorted, de-duplicated package names (one leading {@code +} dropped), joined
     * by spaces: order and duplicates do not change it. Also names the image
     * ({@code EXTRA_IMAGE_NAME}) from a manifest's package names.
     */
    public static String packagesHash(Collection<String> packages) {
        TreeSet<String> names = new TreeSet<>(BY_CODE_POINT);
        for (String name : packages) {
            names.add(name.startsWith("+") ? name.substring(1) : name);
        }
        return sha256(String.join(" ", names));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of a text. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** Python sorts strings by code point; Java's compareTo sorts by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Renders values the way Python's {@code repr()} and {@code json.dumps(sort_keys=True)} do. */
    static final class PythonText {

        private PythonText() {
        }

        static String repr(List<String> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
            }
            return out.append(']').toString();
        }

        static String repr(Map<String, String> map) {
            return dict(map, PythonText::repr);
        }

        /** {@code {k: v, k: v}} with both sides rendered by {@code render}: Python's dict layout. */
        private static String dict(Map<String, String> map, java.util.function.UnaryOperator<String> render) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, String> entry : map.entrySet()) {
                out.append(first ? "" : ", ").append(render.apply(entry.getKey())).append(": ").append(render.apply(entry.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }

        static String repr(String text) {
            char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder out = new StringBuilder().append(quote);
            text.codePoints().forEach(c -> {
                if (c == quote || c == '\\') {
                    out.append('\\').appendCodePoint(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else if (isPrintable(c)) {
                    out.appendCodePoint(c);
                } else if (c < 0x100) {
                    out.append(String.format("\\x%02x", c));
                } else if (c < 0x10000) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append(String.format("\\U%08x", c));
                }
            });
            return out.append(quote).toString();
        }

        /** Python's str.isprintable(): no control, format, surrogate, private, unassigned or separator except space. */
        private static boolean isPrintable(int c) {
            if (c == ' ') {
                return true;
            }
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                        Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.SPACE_SEPARATOR:
                    return false;
                default:
                    return true;
            }
        }

        static String jsonDumpsSorted(Map<String, String> map) {
            TreeMap<String, String> sorted = new TreeMap<>(BY_CODE_POINT);
            sorted.putAll(map);
            return dict(sorted, PythonText::jsonString);
        }

        private static String jsonString(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}

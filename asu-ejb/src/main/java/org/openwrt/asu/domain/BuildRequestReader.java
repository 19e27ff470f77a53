package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The build contract: turns a JSON body into a {@link BuildRequest}, applying the field rules of
 * the original server (patterns, lax booleans and integers, limits) and collecting every
 * violation, so the client learns all that is wrong in one answer. Unknown keys are ignored.
 */
public final class BuildRequestReader {

    /** Word characters of any script, dot, comma, hyphen; empty allowed. */
    public static final String STRING_PATTERN = "^[\\w.,-]*$";
    /** Exactly one slash. */
    public static final String TARGET_PATTERN = "^[\\w]*/[\\w]*$";
    public static final String PKG_VERSION_PATTERN = "^[\\w+.,~-]*$";
    /** No comma, slash, space or newline: the name goes into repositories.conf. */
    public static final String REPO_NAME_PATTERN = "^[\\w.-]+$";
    public static final String REPO_URL_PATTERN = "^https?://\\S+$";

    public static final List<String> FILESYSTEMS =
            List.of("squashfs", "ext4", "ubifs", "erofs", "jffs2", "jffs2-nand", "targz", "cpiogz");
    public static final List<String> REPOSITORIES_MODES = List.of("append", "replace");

    private static final Set<String> TRUE_WORDS = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE_WORDS = Set.of("0", "off", "f", "false", "n", "no");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final BuildLimits limits;

    public BuildRequestReader(BuildLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads a request body.
     *
     * @param body the parsed body, or null when there was none
     * @throws InvalidBuildRequestException with every violation found
     */
    public BuildRequest read(JsonValue body) {
        if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidBuildRequestException(
                    List.of(new Violation("missing", List.of("body"), "Field required", JsonValue.NULL, Map.of())));
        }
        if (body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidBuildRequestException(List.of(new Violation("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", body, Map.of())));
        }
        return new Fields(body.asJsonObject()).read();
    }

    /** One pass over one body, collecting violations as it goes. */
    private final class Fields {
        private final JsonObject body;
        private final List<Violation> violations = new ArrayList<>();

        Fields(JsonObject body) {
            this.body = body;
        }

        BuildRequest read() {
            String distro = string("distro", "openwrt", STRING_PATTERN);
            String version = requiredString("version", STRING_PATTERN);
            String versionCode = string("version_code", "", STRING_PATTERN);
            String target = requiredString("target", TARGET_PATTERN);
            String profile = requiredString("profile", STRING_PATTERN);
            List<String> packages = stringList("packages", STRING_PATTERN);
            Map<String, String> packagesVersions = stringMap("packages_versions", STRING_PATTERN, PKG_VERSION_PATTERN);
            boolean diffPackages = bool("diff_packages");
            String defaults = nullableString("defaults", null);
            if (defaults != null && defaults.length() > limits.maxDefaultsLength()) {
                add("string_too_long", loc("defaults"),
                        "String should have at most " + limits.maxDefaultsLength() + " characters",
                        body.get("defaults"), Map.of("max_length", limits.maxDefaultsLength()));
            }
            Integer rootfsSizeMb = rootfsSize();
            String filesystem = literal("filesystem", FILESYSTEMS, null);
            Map<String, String> repositories = stringMap("repositories", REPO_NAME_PATTERN, REPO_URL_PATTERN);
            String repositoriesMode = literal("repositories_mode", REPOSITORIES_MODES, "replace");
            List<String> repositoryKeys = stringList("repository_keys", null);
            String client = nullableString("client", null);
            if (!violations.isEmpty()) {
                throw new InvalidBuildRequestException(violations);
            }
            return new BuildRequest(distro, version, versionCode, target, profile.replace(',', '_'),
                    packages, packagesVersions, diffPackages, defaults, rootfsSizeMb, filesystem,
                    repositories, repositoriesMode, repositoryKeys, client);
        }

        private String requiredString(String name, String pattern) {
            if (!body.containsKey(name)) {
                add("missing", loc(name), "Field required", body, Map.of());
                return "";
            }
            return string(name, "", pattern);
        }

        private String string(String name, String fallback, String pattern) {
            JsonValue value = body.get(name);
            if (value == null) {
                return fallback;
            }
            String text = text(value, loc(name));
            return text == null ? fallback : matching(text, pattern, loc(name), value);
        }

        private String nullableString(String name, String pattern) {
            JsonValue value = body.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            String text = text(value, loc(name));
            return text == null ? null : matching(text, pattern, loc(name), value);
        }

        private String literal(String name, List<String> allowed, String fallback) {
            String text = nullableString(name, null);
            if (text == null) {
                return fallback;
            }
            if (!allowed.contains(text)) {
                String expected = quotedAlternatives(allowed);
                add("literal_error", loc(name), "Input should be " + expected, body.get(name),
                        Map.of("expected", expected));
                return fallback;
            }
            return text;
        }

        private List<String> stringList(String name, String pattern) {
            JsonValue value = body.get(name);
            if (value == null) {
                return List.of();
            }
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                add("list_type", loc(name), "Input should be a valid list", value, Map.of());
                return List.of();
            }
            JsonArray array = value.asJsonArray();
            if (array.size() > limits.maxEntries()) {
                tooMany(name, "List", array.size(), value);
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                List<Object> where = loc(name, i);
                String text = text(array.get(i), where);
                if (text != null) {
                    items.add(matching(text, pattern, where, array.get(i)));
                }
            }
            return items;
        }

        private Map<String, String> stringMap(String name, String keyPattern, String valuePattern) {
            JsonValue value = body.get(name);
            if (value == null) {
                return Map.of();
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                add("dict_type", loc(name), "Input should be a valid dictionary", value, Map.of());
                return Map.of();
            }
            if (value.asJsonObject().size() > limits.maxEntries()) {
                tooMany(name, "Dictionary", value.asJsonObject().size(), value);
                return Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>();
            value.asJsonObject().forEach((key, item) -> {
                if (key.length() > limits.maxStringLength()) {
                    tooLong(loc(name, "[key]"), jsonString(key));
                    return;
                }
                matching(key, keyPattern, loc(name, key, "[key]"), jsonString(key));
                String text = text(item, loc(name, key));
                if (text != null) {
                    map.put(key, matching(text, valuePattern, loc(name, key), item));
                }
            });
            return map;
        }

        private boolean bool(String name) {
            JsonValue value = body.get(name);
            if (value == null) {
                return false;
            }
            switch (value.getValueType()) {
                case TRUE:
                    return true;
                case FALSE:
                    return false;
                case NUMBER:
                    JsonNumber number = (JsonNumber) value;
                    if (number.doubleValue() == 1) {
                        return true;
                    }
                    if (number.doubleValue() == 0) {
                        return false;
                    }
                    break;
                case STRING:
                    String word = ((JsonString) value).getString().toLowerCase(Locale.ROOT);
                    if (TRUE_WORDS.contains(word)) {
                        return true;
                    }
                    if (FALSE_WORDS.contains(word)) {
                        return false;
                    }
                    break;
                default:
                    add("bool_type", loc(name), "Input should be a valid boolean", value, Map.of());
                    return false;
            }
            add("bool_parsing", loc(name), "Input should be a valid boolean, unable to interpret input", value, Map.of());
            return false;
        }

        private Integer rootfsSize() {
            String name = "rootfs_size_mb";
            JsonValue value = body.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            Integer size = integer(value, loc(name));
            if (size == null) {
                return null;
            }
            if (size < 1) {
                add("greater_than_equal", loc(name), "Input should be greater than or equal to 1", value, Map.of("ge", 1));
                return null;
            }
            if (size > limits.maxRootfsSizeMb()) {
                add("less_than_equal", loc(name), "Input should be less than or equal to " + limits.maxRootfsSizeMb(),
                        value, Map.of("le", limits.maxRootfsSizeMb()));
                return null;
            }
            return size;
        }

        private Integer integer(JsonValue value, List<Object> where) {
            if (value.getValueType() == JsonValue.ValueType.NUMBER) {
                JsonNumber number = (JsonNumber) value;
                if (number.bigDecimalValue().stripTrailingZeros().scale() <= 0) {
                    try {
                        return number.bigDecimalValue().intValueExact();
                    } catch (ArithmeticException tooLarge) {
                        // falls through to the type error below
                    }
                }
                add("int_from_float", where, "Input should be a valid integer, got a number with a fractional part",
                        value, Map.of());
                return null;
            }
            if (value.getValueType() == JsonValue.ValueType.STRING) {
                try {
                    return Integer.valueOf(((JsonString) value).getString().strip());
                } catch (NumberFormatException notANumber) {
                    add("int_parsing", where, "Input should be a valid integer, unable to parse string as an integer",
                            value, Map.of());
                    return null;
                }
            }
            add("int_type", where, "Input should be a valid integer", value, Map.of());
            return null;
        }

        private String text(JsonValue value, List<Object> where) {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                add("string_type", where, "Input should be a valid string", value, Map.of());
                return null;
            }
            String text = ((JsonString) value).getString();
            // the defaults script has its own, larger limit (asu.max-defaults-length)
            if (text.length() > limits.maxStringLength() && !where.equals(loc("defaults"))) {
                tooLong(where, value);
                return null;
            }
            return text;
        }

        private void tooMany(String name, String kind, int size, JsonValue value) {
            add("too_long", loc(name), kind + " should have at most " + limits.maxEntries() + " items, not " + size,
                    value, Map.of("max_length", limits.maxEntries(), "actual_length", size));
        }

        private void tooLong(List<Object> where, JsonValue value) {
            add("string_too_long", where, "String should have at most " + limits.maxStringLength() + " characters",
                    value, Map.of("max_length", limits.maxStringLength()));
        }

        private String matching(String text, String pattern, List<Object> where, JsonValue input) {
            if (pattern != null && !compiled(pattern).matcher(text).matches()) {
                add("string_pattern_mismatch", where, "String should match pattern '" + pattern + "'", input,
                        Map.of("pattern", pattern));
            }
            return text;
        }

        private void add(String type, List<Object> where, String msg, JsonValue input, Map<String, Object> context) {
            violations.add(new Violation(type, where, msg, input, context));
        }
    }

    private static Pattern compiled(String pattern) {
        return PATTERNS.computeIfAbsent(pattern, p -> Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS));
    }

    private static List<Object> loc(Object... parts) {
        List<Object> where = new ArrayList<>();
        where.add("body");
        where.addAll(List.of(parts));
        return where;
    }

    private static JsonValue jsonString(String text) {
        return Json.createValue(text);
    }

    /** {@code 'append' or 'replace'}, {@code 'a', 'b' or 'c'}: pydantic's wording for literals. */
    private static String quotedAlternatives(List<String> allowed) {
        List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}

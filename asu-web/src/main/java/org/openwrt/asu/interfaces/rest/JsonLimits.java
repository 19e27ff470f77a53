package org.openwrt.asu.interfaces.rest;

import java.util.Optional;

/**
 * What the JSON parser is spared: a body nested deeper, or with a longer number, than any build
 * request needs (its deepest value, a {@code packages_versions} entry, sits at level 2; its
 * largest number, {@code rootfs_size_mb}, has a few digits). Found by one pass over the text
 * before parsing, so such a body is a client error with a sentence, not a parser's stack
 * overflow or a 1,000-digit BigDecimal.
 */
public final class JsonLimits {

    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;

    private JsonLimits() {
    }

    /** @return what exceeds a limit, as a sentence, or empty when the body stays within them */
    public static Optional<String> exceeded(String json) {
        int depth = 0;
        int number = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER_LENGTH) {
                    return Optional.of("a number in the body is longer than " + MAX_NUMBER_LENGTH + " characters");
                }
                continue;
            }
            number = 0;
            if (c == '"') {
                inString = true;
            } else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH) {
                return Optional.of("the body nests arrays and objects deeper than " + MAX_DEPTH + " levels");
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return Optional.empty();
    }
}

package org.openwrt.asu.builder;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the package manager's complaints on stderr (opkg's {@code Cannot install package} and
 * {@code check_conflicts_for}, apk's {@code unable to select packages} and {@code conflicts:}) into the
 * one-line message clients show: {@code Impossible package selection: missing (a, b) conflicts (c, d)}.
 */
final class PackageErrors {

    private static final Pattern OPKG_MISSING = Pattern.compile("Cannot install package ([^ ]+)\\.");
    private static final Pattern APK_MISSING = Pattern.compile(" ([^ ]+) \\(no such package\\)");
    private static final Pattern APK_CONFLICT = Pattern.compile("(?m)^  ([^ :]+):\\n    conflicts: ([^\\[\\s]+)\\[");
    private static final Pattern OPKG_CONFLICT = Pattern.compile("(?m)^ \\* check_conflicts_for: (.*)$");
    private static final Pattern OPKG_CLASH = Pattern.compile("check_data_file_clashes: Package ([^ ]+) wants to");
    private static final Pattern OPKG_OWNER = Pattern.compile("(?m)is already provided by package  \\* ([^ ]+)$");
    private static final Pattern APK_OVERWRITE = Pattern.compile("(?m)^ERROR: ([^ :]+): trying to overwrite .* owned by ([^ ]+)\\.$");

    private PackageErrors() {
    }

    static String classify(String stderr) {
        Set<String> missing = new TreeSet<>();
        Set<String> conflicts = new TreeSet<>();
        collect(OPKG_MISSING, stderr, missing, 1);
        collect(APK_MISSING, stderr, missing, 1);
        collect(APK_CONFLICT, stderr, conflicts, 1, 2);
        collect(OPKG_CLASH, stderr, conflicts, 1);
        collect(OPKG_OWNER, stderr, conflicts, 1);
        collect(APK_OVERWRITE, stderr, conflicts, 1, 2);
        Matcher opkg = OPKG_CONFLICT.matcher(stderr);
        while (opkg.find()) {
            // "The following packages conflict with X:" and the listed "\tY *": the last word names the package
            String[] words = opkg.group(1).replaceAll("[\\s*:]+$", "").strip().split("\\s+");
            conflicts.add(words[words.length - 1]);
        }
        missing.removeAll(conflicts);

        StringBuilder message = new StringBuilder("Impossible package selection");
        if (!missing.isEmpty() || !conflicts.isEmpty()) {
            message.append(':');
        }
        if (!missing.isEmpty()) {
            message.append(" missing (").append(String.join(", ", missing)).append(')');
        }
        if (!conflicts.isEmpty()) {
            message.append(" conflicts (").append(String.join(", ", conflicts)).append(')');
        }
        return message.toString();
    }

    private static void collect(Pattern pattern, String text, Set<String> into, int... groups) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            for (int group : groups) {
                into.add(matcher.group(group));
            }
        }
    }
}

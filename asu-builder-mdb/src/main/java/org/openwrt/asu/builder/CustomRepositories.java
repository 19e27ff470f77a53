package org.openwrt.asu.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.TreeMap;
import org.openwrt.asu.builder.imagebuilder.Usign;

/**
 * What a request's own feeds ({@code repositories}, {@code repositories_mode},
 * {@code repository_keys}) make of the ImageBuilder's files, as the original server's
 * {@code inject_files} and {@code merge_repositories} do: {@code replace} drops the ImageBuilder's
 * feeds but its local one, {@code append} keeps them, and each key becomes a file in {@code keys/}.
 */
final class CustomRepositories {

    static final String LOCAL_FEED = "src imagebuilder file:packages";
    static final String CHECK_SIGNATURE = "option check_signature";
    private static final String PEM = "-----BEGIN";

    private CustomRepositories() {
    }

    /**
     * The repositories file: the non-blank lines of {@code existing} (empty in replace mode),
     * then the feeds sorted by name, one URL a line for apk or {@code src/gz <name> <url>} for
     * opkg, which also needs the local feed and signature checking: added when no line has them.
     */
    static String merge(String existing, Map<String, String> repositories, boolean apk) {
        List<String> lines = new ArrayList<>(existing.lines().filter(line -> !line.isBlank()).toList());
        new TreeMap<>(repositories).forEach((name, url) -> lines.add(apk ? url : "src/gz " + name + " " + url));
        if (!apk) {
            addUnlessPresent(lines, LOCAL_FEED);
            addUnlessPresent(lines, CHECK_SIGNATURE);
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * The files for the ImageBuilder's {@code keys/}, name to content: a PEM key (apk) as it
     * came, named {@code custom-<index>.pem}; a usign key (opkg) named by its fingerprint, in
     * usign's two-line form with the fingerprint as comment.
     *
     * @throws BuildFailure for a key that is neither
     */
    static Map<String, String> keyFiles(List<String> keys) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int index = 0; index < keys.size(); index++) {
            String key = keys.get(index);
            if (key.strip().startsWith(PEM)) {
                files.put("custom-" + index + ".pem", key);
                continue;
            }
            String fingerprint;
            try {
                fingerprint = Usign.fingerprint(key);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure("Repository key " + index + " is neither a usign public key nor a PEM key");
            }
            List<String> lines = key.strip().lines().toList();
            files.put(fingerprint, "untrusted comment: " + fingerprint + "\n" + lines.get(lines.size() - 1).strip() + "\n");
        }
        return files;
    }

    /**
     * Checks the feeds again at build time (defence in depth: the API checked them when the
     * request came, the allow-list may have changed since).
     *
     * @throws BuildFailure naming the first feed the allow-list does not cover
     */
    static void checkAllowed(Map<String, String> repositories, Predicate<String> allowed) {
        for (String url : repositories.values()) {
            if (!allowed.test(url)) {
                throw new BuildFailure("Repository not allowed: " + url);
            }
        }
    }

    private static void addUnlessPresent(List<String> lines, String required) {
        if (lines.stream().noneMatch(line -> line.contains(required))) {
            lines.add(required);
        }
    }
}

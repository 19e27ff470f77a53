package org.openwrt.asu.builder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The package list {@code make manifest} prints : {@code name - version} (opkg, new apk) or {@code name version}. */
final class Manifest {

    private Manifest() {
    }

    static Map<String, String> parse(String stdout) {
        String separator = stdout.contains(" - ") ? " - " : " ";
        Map<String, String> packages = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int at = line.indexOf(separator);
            if (at > 0) {
                packages.put(line.substring(0, at).strip(), line.substring(at + separator.length()).strip());
            }
        }
        return packages;
    }

    /** The first difference to the versions a client asked for, as the original server words it, or null. */
    static String mismatch(Map<String, String> manifest, Map<String, String> wanted) {
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            String name = entry.getKey();
            String have = manifest.get(name);
            if (have == null) {
                return "Impossible package selection: " + name + " not in manifest";
            }
            if (!have.equals(entry.getValue())) {
                return "Impossible package selection: " + name + " version not as requested: "
                        + entry.getValue() + " vs. " + have;
            }
        }
        return null;
    }
}

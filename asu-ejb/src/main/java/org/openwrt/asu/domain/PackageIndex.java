package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packages of one feed or target, name to version, as {@code index.json} answers show it:
 * names without their ABI suffix ({@code libusb-1.0}, not {@code libusb-1.0-0}).
 *
 * @param architecture the package architecture ({@code mips_24kc}), empty when unknown
 * @param packages     name to version, sorted by name
 */
public record PackageIndex(String architecture, Map<String, String> packages) {

    public PackageIndex {
        packages = Collections.unmodifiableMap(new TreeMap<>(packages));
    }

    /**
     * Reads an {@code index.json}: version 2 (apk era) names are ABI-free already; a version 1
     * file (opkg era) keeps the suffixes, so the opkg {@code Packages} file is preferred there.
     */
    public static PackageIndex fromIndexJson(JsonObject json) {
        Map<String, String> packages = new TreeMap<>();
        json.getJsonObject("packages").forEach((name, version) -> packages.put(name, ((JsonString) version).getString()));
        return new PackageIndex(json.getString("architecture", ""), packages);
    }

    /** Version of an {@code index.json}; files without the field are version 1. */
    public static int formatVersion(JsonObject indexJson) {
        return indexJson.getInt("version", 1);
    }

    /**
     * Reads an opkg {@code Packages} file: stanzas separated by blank lines; the architecture is
     * the first one that is not {@code all}; a name ending in its {@code ABIVersion} loses it.
     */
    public static PackageIndex fromOpkgPackages(String text) {
        Map<String, String> packages = new TreeMap<>();
        String architecture = "";
        for (String stanza : text.split("\n\\s*\n")) {
            Map<String, String> fields = new TreeMap<>();
            for (String line : stanza.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith(" ")) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            String name = fields.get("Package");
            if (name == null) {
                continue;
            }
            if (!fields.containsKey("Version")) {
                throw new IllegalArgumentException("package " + name + " has no Version");
            }
            String abi = fields.getOrDefault("ABIVersion", "");
            if (!abi.isEmpty() && name.endsWith(abi) && name.length() > abi.length()) {
                name = name.substring(0, name.length() - abi.length());
            }
            packages.put(name, fields.get("Version"));
            String arch = fields.getOrDefault("Architecture", "all");
            if (architecture.isEmpty() && !"all".equals(arch)) {
                architecture = arch;
            }
        }
        return new PackageIndex(architecture, packages);
    }

    /** This index with another's packages added (the kmods feed on top of a target's packages). */
    public PackageIndex merge(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(packages);
        merged.putAll(more);
        return new PackageIndex(architecture, merged);
    }

    /** {@code {"architecture": …, "packages": {…}}}, the target {@code index.json} answer. */
    public JsonObject toJson() {
        return Json.createObjectBuilder().add("architecture", architecture).add("packages", packagesJson()).build();
    }

    /** The flat {@code {name: version}} object of an arch {@code -index.json} answer. */
    public JsonObject packagesJson() {
        JsonObjectBuilder object = Json.createObjectBuilder();
        packages.forEach(object::add);
        return object.build();
    }
}

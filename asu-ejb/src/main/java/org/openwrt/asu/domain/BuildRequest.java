package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request for one firmware image, as the v1 build API accepts it (see {@link BuildRequestReader}
 * for the limits of every field). Lists and maps keep the client's order: the build uses the
 * package order as sent and the request hash depends on the order of {@code repositories}.
 *
 * @param distro           distribution, only {@code openwrt} is built
 * @param version          OpenWrt version, e.g. {@code 24.10.2}, {@code 24.10-SNAPSHOT}, {@code SNAPSHOT}
 * @param versionCode      expected ImageBuilder revision ({@code r28427-6df0e3d02a}); empty means any
 * @param target           {@code target/subtarget}, e.g. {@code ath79/generic}
 * @param profile          ImageBuilder profile or a supported device name, commas already turned into underscores
 * @param packages         packages to add ({@code name}) or remove ({@code -name}), in the client's order
 * @param packagesVersions exact versions wanted; when not empty its keys replace {@code packages}
 * @param diffPackages     {@code packages} is the complete list: defaults not listed are removed
 * @param defaults         first-boot shell script for {@code /etc/uci-defaults}, or null
 * @param rootfsSizeMb     root file system partition size in MB, or null for the device default
 * @param filesystem       root file system type, or null for the ImageBuilder default
 * @param repositories     extra package feeds, name to URL, in the client's order
 * @param repositoriesMode {@code append} to or {@code replace} the ImageBuilder's feeds
 * @param repositoryKeys   public keys (usign or PEM) of the extra feeds
 * @param client           client name and version, for statistics only, or null
 */
public record BuildRequest(
        String distro,
        String version,
        String versionCode,
        String target,
        String profile,
        List<String> packages,
        Map<String, String> packagesVersions,
        boolean diffPackages,
        String defaults,
        Integer rootfsSizeMb,
        String filesystem,
        Map<String, String> repositories,
        String repositoriesMode,
        List<String> repositoryKeys,
        String client) {

    public BuildRequest {
        packages = List.copyOf(packages);
        packagesVersions = Collections.unmodifiableMap(new LinkedHashMap<>(packagesVersions));
        repositories = Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
        repositoryKeys = List.copyOf(repositoryKeys);
    }

    /**
     * The request as validation accepts it: the canonical ImageBuilder
     * profile, and as {@code packages} the packages the build starts from
     * ({@link #requestedPackages()}, one leading {@code +} removed), as the original server echoes it.
     */
    public BuildRequest accepted(String canonicalProfile) {
        List<String> normalised = requestedPackages().stream()
                .map(name -> name.startsWith("+") ? name.substring(1) : name).toList();
        return new BuildRequest(distro, version, versionCode, target, canonicalProfile, normalised, packagesVersions,
                diffPackages, defaults, rootfsSizeMb, filesystem, repositories, repositoriesMode, repositoryKeys, client);
    }

    /** True when the request carries a non-empty first-boot script. */
    public boolean hasDefaults() {
        return defaults != null && !defaults.isEmpty();
    }

    /** The packages the build starts from: the keys of {@code packages_versions} when given, else {@code packages}. */
    public List<String> requestedPackages() {
        return packagesVersions.isEmpty() ? packages : List.copyOf(packagesVersions.keySet());
    }

    /** The request as the API echoes it back (all fields, defaults included, snake_case). */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("distro", distro)
                .add("version", version)
                .add("version_code", versionCode)
                .add("target", target)
                .add("profile", profile)
                .add("packages", Json.createArrayBuilder(packages))
                .add("packages_versions", objectOf(packagesVersions))
                .add("diff_packages", diffPackages);
        addNullable(json, "defaults", defaults);
        if (rootfsSizeMb == null) {
            json.addNull("rootfs_size_mb");
        } else {
            json.add("rootfs_size_mb", rootfsSizeMb);
        }
        addNullable(json, "filesystem", filesystem);
        json.add("repositories", objectOf(repositories))
                .add("repositories_mode", repositoriesMode)
                .add("repository_keys", Json.createArrayBuilder(repositoryKeys));
        addNullable(json, "client", client);
        return json.build();
    }

    private static JsonObjectBuilder objectOf(Map<String, String> map) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        map.forEach(object::add);
        return object;
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}

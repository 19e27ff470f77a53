package org.openwrt.asu.builder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code make info} says about an ImageBuilder ({@code Current Revision:}, {@code Default
 * Packages:}, then per profile its id, an optional name line and {@code Packages:}): its revision, the
 * target's default packages and every profile with its device packages and supported devices.
 * Parsed line by line, so a profile without a name line or without supported devices is fine.
 */
record MakeInfo(String revision, List<String> defaultPackages, Map<String, Profile> profiles) {

    record Profile(String id, List<String> packages, List<String> supportedDevices) {
    }

    static MakeInfo parse(String stdout) {
        String revision = null;
        List<String> defaults = List.of();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        String profile = null;
        List<String> packages = List.of();
        List<String> devices = List.of();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("Current Revision: ")) {
                revision = line.substring("Current Revision: ".length()).replace("\"", "").strip();
            } else if (line.startsWith("Default Packages:")) {
                defaults = words(line.substring("Default Packages:".length()));
            } else if (!line.startsWith(" ") && line.endsWith(":") && !line.contains(" ")) {
                if (profile != null) {
                    profiles.put(profile, new Profile(profile, packages, devices));
                }
                profile = line.substring(0, line.length() - 1);
                packages = List.of();
                devices = List.of();
            } else if (profile != null && line.startsWith("    Packages:")) {
                packages = words(line.substring("    Packages:".length()));
            } else if (profile != null && line.startsWith("    SupportedDevices:")) {
                devices = words(line.substring("    SupportedDevices:".length()));
            }
        }
        if (profile != null) {
            profiles.put(profile, new Profile(profile, packages, devices));
        }
        if (revision == null) {
            throw new IllegalArgumentException("make info printed no revision");
        }
        return new MakeInfo(revision, defaults, profiles);
    }

    /** The profile id for a requested profile: the id itself or a supported device ({@code vendor,model} as {@code vendor_model}). */
    Optional<Profile> profile(String requested) {
        Profile exact = profiles.get(requested);
        if (exact != null) {
            return Optional.of(exact);
        }
        return profiles.values().stream()
                .filter(p -> p.supportedDevices().stream().anyMatch(d -> d.replace(',', '_').equals(requested)))
                .findFirst();
    }

    /** Default and device packages together: what {@code diff_packages} compares the request with. */
    Set<String> packagesOf(Profile profile) {
        Set<String> all = new LinkedHashSet<>(defaultPackages);
        all.addAll(profile.packages());
        return all;
    }

    private static List<String> words(String text) {
        return new ArrayList<>(Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList());
    }
}

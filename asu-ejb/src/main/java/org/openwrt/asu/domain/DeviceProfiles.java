package org.openwrt.asu.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The profiles of one version and target: every name a client may send (the profile id and each
 * of its {@code supported_devices}, commas turned into underscores) to the ImageBuilder profile id.
 */
public record DeviceProfiles(Map<String, String> aliases) {

    public static final String GENERIC = "generic";

    public DeviceProfiles {
        aliases = Map.copyOf(aliases);
    }

    /** From an upstream {@code profiles.json}. */
    public static DeviceProfiles of(JsonObject profilesJson) {
        Map<String, String> aliases = new TreeMap<>();
        profilesJson.getJsonObject("profiles").forEach((id, profile) -> {
            JsonValue devices = profile.asJsonObject().get("supported_devices");
            if (devices != null && devices.getValueType() == JsonValue.ValueType.ARRAY) {
                devices.asJsonArray().getValuesAs(JsonString.class)
                        .forEach(device -> aliases.put(device.getString().replace(',', '_'), id));
            }
            aliases.put(id.replace(',', '_'), id);
        });
        return new DeviceProfiles(aliases);
    }

    /**
     * The ImageBuilder profile for a requested name; a target whose only profile is
     * {@code generic} (x86, armsr) builds it for any name.
     */
    public static Optional<String> canonical(String requested, Map<String, String> aliases) {
        String profile = aliases.get(requested);
        if (profile != null) {
            return Optional.of(profile);
        }
        return aliases.size() == 1 && aliases.containsKey(GENERIC) ? Optional.of(GENERIC) : Optional.empty();
    }
}

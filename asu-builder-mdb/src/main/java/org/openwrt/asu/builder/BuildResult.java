package org.openwrt.asu.builder;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.openwrt.asu.builder.imagebuilder.FileTree;
import org.openwrt.asu.builder.sandbox.CommandResult;

/**
 * What {@code make image} produced, checked: the original server's classification of a failed
 * run, then every image {@code profiles.json} names for the profile against its sha256. From it
 * comes the answer of a done build.
 */
final class BuildResult {

    /** The original server's {@code build_at} format: UTC, microseconds always zero, literal Z. */
    private static final DateTimeFormatter BUILD_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.000000'Z'").withZone(ZoneOffset.UTC);

    private final JsonObject profiles;
    private final String profileId;

    private BuildResult(JsonObject profiles, String profileId) {
        this.profiles = profiles;
        this.profileId = profileId;
    }

    /** @throws BuildFailure with the reason the original server gives, or when an image is missing or differs from its sum */
    static BuildResult check(CommandResult image, Path binDir, String profileId) throws IOException {
        String stderr = image.stderr();
        if (stderr.contains("is too big") || stderr.contains("images are too big") || stderr.contains("out of space?")) {
            throw new BuildFailure("Selected packages exceed device storage");
        }
        if (!image.succeeded()) {
            throw new BuildFailure("Error while building firmware. See stdout/stderr");
        }
        Path profilesJson = binDir.resolve("profiles.json");
        if (!Files.isRegularFile(profilesJson)) {
            throw new BuildFailure("No JSON file found");
        }
        JsonObject profiles = parse(Files.readString(profilesJson));
        JsonObject built = profiles.getJsonObject("profiles");
        if (built == null || !built.containsKey(profileId)) {
            throw new BuildFailure("Profile not found in JSON file");
        }
        for (JsonValue value : built.getJsonObject(profileId).getJsonArray("images")) {
            JsonObject entry = value.asJsonObject();
            Path file = binDir.resolve(entry.getString("name")).normalize();
            if (!file.startsWith(binDir) || !Files.isRegularFile(file)) {
                throw new BuildFailure("Image " + entry.getString("name") + " of profiles.json was not built");
            }
            if (!FileTree.sha256(file).equals(entry.getString("sha256"))) {
                throw new BuildFailure("Image " + entry.getString("name") + " does not match its sha256 in profiles.json");
            }
        }
        return new BuildResult(profiles, profileId);
    }

    /**
     * The 200 body: profiles.json without {@code profiles}, the built profile merged in, and what
     * the build did (the progress details but their {@code detail}, which becomes {@code done}).
     */
    JsonObject answer(Map<String, String> manifest, String binDir, List<String> buildPackages, JsonObject progress) {
        JsonObjectBuilder result = Json.createObjectBuilder();
        profiles.forEach((key, value) -> {
            if (!key.equals("profiles")) {
                result.add(key, value);
            }
        });
        profiles.getJsonObject("profiles").getJsonObject(profileId).forEach(result::add);
        JsonObjectBuilder manifestJson = Json.createObjectBuilder();
        manifest.forEach(manifestJson::add);
        result.add("manifest", manifestJson)
                .add("id", profileId)
                .add("bin_dir", binDir)
                .add("build_cmd_packages", Json.createArrayBuilder(buildPackages))
                .add("build_at", BUILD_AT.format(Instant.ofEpochSecond(sourceDateEpoch())))
                .add("detail", "done");
        progress.forEach((key, value) -> {
            if (!key.equals("detail")) {
                result.add(key, value);
            }
        });
        return result.build();
    }

    private long sourceDateEpoch() {
        JsonValue epoch = profiles.get("source_date_epoch");
        if (epoch instanceof JsonNumber number) {
            return number.longValue();
        }
        return epoch instanceof JsonString text ? Long.parseLong(text.getString()) : 0;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}

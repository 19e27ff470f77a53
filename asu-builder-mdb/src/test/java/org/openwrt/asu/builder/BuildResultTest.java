package org.openwrt.asu.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openwrt.asu.builder.imagebuilder.FileTree;
import org.openwrt.asu.builder.sandbox.CommandResult;

/** make image's output checked as the original server checks it, and the answer of a done build. */
class BuildResultTest {

    private static final String PROFILE = "tplink_archer-c7-v5";
    private static final String IMAGE = "openwrt-ath79-generic-tplink_archer-c7-v5-squashfs-sysupgrade.bin";
    private static final CommandResult SUCCEEDED = new CommandResult(0, "", "");

    @TempDir
    Path binDir;

    private void profilesJson(String sha256) throws Exception {
        Files.writeString(binDir.resolve("profiles.json"), Json.createObjectBuilder()
                .add("source_date_epoch", "1612136917")
                .add("target", "ath79/generic")
                .add("profiles", Json.createObjectBuilder().add(PROFILE, Json.createObjectBuilder()
                        .add("titles", Json.createArrayBuilder())
                        .add("images", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("name", IMAGE).add("sha256", sha256)))))
                .build().toString());
    }

    private String failure(CommandResult image) {
        return assertThrows(BuildFailure.class, () -> BuildResult.check(image, binDir, PROFILE)).getMessage();
    }

    @Test
    void theAnswerIsProfilesJsonWithTheBuiltProfileMergedInAndWhatTheBuildDid() throws Exception {
        Files.writeString(binDir.resolve(IMAGE), "firmware");
        profilesJson(FileTree.sha256(binDir.resolve(IMAGE)));
        JsonObject progress = Json.createObjectBuilder().add("detail", "building_image").add("stdout", "made").build();

        JsonObject answer = BuildResult.check(SUCCEEDED, binDir, PROFILE)
                .answer(Map.of("vim", "9.1"), "c4ed57fe", List.of("vim"), progress);

        assertEquals("ath79/generic", answer.getString("target"));
        assertFalse(answer.containsKey("profiles"));
        assertEquals(IMAGE, answer.getJsonArray("images").getJsonObject(0).getString("name"));
        assertEquals(PROFILE, answer.getString("id"));
        assertEquals("c4ed57fe", answer.getString("bin_dir"));
        assertEquals("9.1", answer.getJsonObject("manifest").getString("vim"));
        assertEquals("2021-01-31T23:48:37.000000Z", answer.getString("build_at"));
        assertEquals("done", answer.getString("detail"), "the progress detail is replaced");
        assertEquals("made", answer.getString("stdout"));
    }

    @Test
    void anImageThatDiffersFromItsSumOrIsMissingFailsTheBuild() throws Exception {
        Files.writeString(binDir.resolve(IMAGE), "firmware");
        profilesJson("0".repeat(64));
        assertEquals("Image " + IMAGE + " does not match its sha256 in profiles.json", failure(SUCCEEDED));
        Files.delete(binDir.resolve(IMAGE));
        assertEquals("Image " + IMAGE + " of profiles.json was not built", failure(SUCCEEDED));
    }

    @Test
    void failedRunsAreClassifiedAsTheOriginalServerDoes() throws Exception {
        assertEquals("Selected packages exceed device storage", failure(new CommandResult(0, "", "image is too big")));
        assertEquals("Error while building firmware. See stdout/stderr", failure(new CommandResult(2, "", "make: *** Error 2")));
        assertEquals("No JSON file found", failure(SUCCEEDED));
        Files.writeString(binDir.resolve("profiles.json"), "{\"profiles\":{}}");
        assertEquals("Profile not found in JSON file", failure(SUCCEEDED));
    }
}

package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One build as it runs: what clients see of it (the request as built, the last command's output,
 * the build command, the detail) and, for the metrics, when it and its current stage began.
 */
public final class BuildProgress {

    /** A stage ({@code imagebuilder_status}) that has ended, and how long it took. */
    public record Stage(String name, Duration took) {
    }

    private final String requestHash;
    private final BuildRequest request;
    private final Map<String, JsonValue> details = new LinkedHashMap<>();
    private final Instant began = Instant.now();
    private String stage;
    private Instant stageBegan;

    public BuildProgress(String requestHash, BuildRequest request) {
        this.requestHash = requestHash;
        this.request = request;
        details.put("detail", Json.createValue("init"));
        details.put("request", request.toJson());
    }

    public String requestHash() {
        return requestHash;
    }

    /** The request as it was accepted. */
    public BuildRequest request() {
        return request;
    }

    /** @return the stage this one ends, if any */
    public Optional<Stage> enter(String imagebuilderStatus) {
        Optional<Stage> ended = endStage();
        stage = imagebuilderStatus;
        stageBegan = Instant.now();
        return ended;
    }

    /** @return the stage the end of the build ends, if any */
    public Optional<Stage> endStage() {
        if (stage == null) {
            return Optional.empty();
        }
        Stage ended = new Stage(stage, Duration.between(stageBegan, Instant.now()));
        stage = null;
        return Optional.of(ended);
    }

    public Duration elapsed() {
        return Duration.between(began, Instant.now());
    }

    /** The output of the command that ran last. */
    public void output(String stdout, String stderr) {
        details.put("stdout", Json.createValue(stdout));
        details.put("stderr", Json.createValue(stderr));
    }

    /** The request echoed with the canonical profile and the package list after the rewrites (packages_versions' names included). */
    public void requestAsBuilt(String profileId, List<String> packages) {
        details.put("request", Json.createObjectBuilder(request.toJson()).add("profile", profileId)
                .add("packages", Json.createArrayBuilder(packages)).build());
    }

    public void buildCmd(List<String> command) {
        details.put("build_cmd", Json.createArrayBuilder(command).build());
    }

    public void detail(String detail) {
        details.put("detail", Json.createValue(detail));
    }

    public JsonObject details() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        details.forEach(json::add);
        return json.build();
    }
}

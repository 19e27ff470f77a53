package org.openwrt.asu.application;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import org.openwrt.asu.application.ImageBuilderInventory.CachedImageBuilder;
import org.openwrt.asu.domain.RunningBuild;

/** The JSON of a running build and of an ImageBuilder cache, alike in the console and in the heartbeats it lists. */
final class ConsoleJson {

    private ConsoleJson() {
    }

    /** A running build without its node and elapsed time, which depend on where and when it is shown. */
    static JsonObjectBuilder runningBuild(RunningBuild build) {
        return Json.createObjectBuilder()
                .add("request_hash", build.requestHash())
                .add("version", build.version())
                .add("target", build.target())
                .add("profile", build.profile())
                .add("stage", build.stage())
                .add("started_at", build.startedAt().toString());
    }

    /** The cached ImageBuilders and their total size. */
    static JsonObjectBuilder imageBuilderCache(List<CachedImageBuilder> cached) {
        return Json.createObjectBuilder()
                .add("total_bytes", cached.stream().mapToLong(CachedImageBuilder::sizeBytes).sum())
                .add("imagebuilders", imageBuilders(cached));
    }

    static JsonArrayBuilder imageBuilders(List<CachedImageBuilder> cached) {
        JsonArrayBuilder listed = Json.createArrayBuilder();
        cached.forEach(imageBuilder -> listed.add(Json.createObjectBuilder()
                .add("version", imageBuilder.version())
                .add("target", imageBuilder.target())
                .add("size_bytes", imageBuilder.sizeBytes())
                .add("refreshed_at", imageBuilder.refreshedAt().map(at -> (JsonValue) Json.createValue(at.toString()))
                        .orElse(JsonValue.NULL))
                .add("in_use", imageBuilder.inUse())));
        return listed;
    }
}

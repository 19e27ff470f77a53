package org.openwrt.asu.builder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.Durations;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * The recipe of one build, top to bottom. This first version only walks a build through its
 * states (queued → started → done) with a placeholder step in place of the ImageBuilder run,
 * which replaces it together with the ImageBuilder cache.
 */
@ApplicationScoped
public class BuildRecipe {

    private static final Logger LOG = Logger.getLogger(BuildRecipe.class.getName());
    /** The original server's {@code build_at} format: UTC, microseconds always zero, literal Z. */
    private static final DateTimeFormatter BUILD_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.000000'Z'").withZone(ZoneOffset.UTC);

    @Inject
    BuildStore store;

    @Inject
    @ConfigProperty(name = "asu.build.ttl")
    String versionedTtl;

    @Inject
    @ConfigProperty(name = "asu.build.ttl-unversioned")
    String unversionedTtl;

    @Inject
    @ConfigProperty(name = "asu.build.ttl-defaults")
    String defaultsTtl;

    @Inject
    @ConfigProperty(name = "asu.builder.placeholder-step")
    String placeholderStep;

    public void build(String requestHash) {
        Optional<JsonObject> started = store.start(requestHash);
        if (started.isEmpty()) {
            LOG.fine(() -> "build " + requestHash + " is finished or expired; nothing to do");
            return;
        }
        JsonObject request = started.get();
        store.stage(requestHash, "init", Json.createObjectBuilder().add("detail", "init").add("request", request).build());

        runPlaceholderStep();

        JsonObject result = Json.createObjectBuilder()
                .add("detail", "done")
                .add("request", request)
                .add("build_at", BUILD_AT.format(Instant.now()))
                .build();
        store.finish(requestHash, BuildStatus.DONE, result, resultTtl(request));
        LOG.info(() -> "build " + requestHash + " done");
    }

    private void runPlaceholderStep() {
        try {
            Thread.sleep(Durations.parse(placeholderStep).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A defaults script is personal, a versioned request is reproducible: keep them for different times. */
    private Duration resultTtl(JsonObject request) {
        if (!request.isNull("defaults") && !request.getString("defaults").isEmpty()) {
            return Durations.parse(defaultsTtl);
        }
        if (!request.getJsonObject("packages_versions").isEmpty()) {
            return Durations.parse(versionedTtl);
        }
        return Durations.parse(unversionedTtl);
    }
}

package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonStructure;
import java.util.Optional;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * The answers about finished builds, rendered once per node and API shape and kept until the
 * result expires in Redis: a successful build does not change before then. Only those are kept;
 * a queued, started or failed build is read from Redis every time, so a build that finishes on
 * another node is seen at once.
 */
@ApplicationScoped
public class FinishedBuildAnswers {

    /** The two APIs that answer about builds, each in its own shape. */
    public enum Shape { V1, LEGACY }

    private BuildStore store;
    private AnswerCache cache;

    protected FinishedBuildAnswers() {
    }

    @Inject
    public FinishedBuildAnswers(BuildStore store, AnswerCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The answer this node rendered for a successful build whose result has not expired. */
    public Optional<RenderedJson> find(Shape shape, String requestHash) {
        return cache.get(key(shape, requestHash));
    }

    /** Renders the answer to {@code build}; keeps it when the build succeeded and its result expires. */
    public RenderedJson render(Shape shape, Build build, JsonStructure answer) {
        RenderedJson rendered = RenderedJson.of(answer);
        if (build.status() == BuildStatus.DONE) {
            store.expiry(build.requestHash()).ifPresent(at -> cache.put(key(shape, build.requestHash()), rendered, at));
        }
        return rendered;
    }

    private static String key(Shape shape, String requestHash) {
        return "build:" + shape + ":" + requestHash;
    }
}

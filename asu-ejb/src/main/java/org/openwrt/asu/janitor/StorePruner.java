package org.openwrt.asu.janitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.application.ImageStore;
import org.openwrt.asu.infrastructure.redis.BuildStore;

/**
 * Deletes the store directories ({@code <request hash>/}, on disk or in the bucket) of builds
 * whose result has expired from Redis. A directory whose build still exists in any state
 * (queued, started, done, failed) is kept, and so is one changed within the grace period: a
 * build that was just accepted again may be writing into it.
 */
@ApplicationScoped
public class StorePruner {

    private static final Logger LOG = Logger.getLogger(StorePruner.class.getName());
    private static final Pattern REQUEST_HASH = Pattern.compile("[0-9a-f]{64}");

    private ImageStore store;
    private Duration grace;
    private Predicate<String> buildExists;

    protected StorePruner() {
    }

    @Inject
    public StorePruner(ImageStore store,
                       @ConfigProperty(name = "asu.janitor.store-grace") Duration grace,
                       BuildStore builds) {
        this(store, grace, hash -> builds.find(hash).isPresent());
    }

    public StorePruner(ImageStore store, Duration grace, Predicate<String> buildExists) {
        this.store = store;
        this.grace = grace;
        this.buildExists = buildExists;
    }

    /** @return the request hashes whose directories were deleted, in order */
    public List<String> prune() throws IOException {
        Instant settled = Instant.now().minus(grace);
        List<String> expired = store.builds().entrySet().stream()
                .filter(build -> REQUEST_HASH.matcher(build.getKey()).matches())
                .filter(build -> build.getValue().isBefore(settled))
                .map(Map.Entry::getKey)
                .filter(hash -> !buildExists.test(hash))
                .sorted()
                .toList();
        for (String hash : expired) {
            store.delete(hash);
        }
        if (!expired.isEmpty()) {
            LOG.info(() -> "store: deleted " + expired.size() + " expired build directories");
        }
        return expired;
    }
}

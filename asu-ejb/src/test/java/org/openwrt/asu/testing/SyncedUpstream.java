package org.openwrt.asu.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.infrastructure.redis.MetadataStore;
import org.openwrt.asu.infrastructure.redis.RedisKeys;
import org.openwrt.asu.infrastructure.upstream.UpstreamClient;
import org.openwrt.asu.janitor.MetadataSync;
import org.openwrt.asu.upstream.MiniUpstream;
import org.openwrt.asu.upstream.UpstreamTree;
import redis.clients.jedis.RedisClient;

/**
 * A private redis-server holding what one janitor pass copied from the miniature upstream, which
 * keeps serving (for the on-demand re-reads), as the application layer finds it in the server.
 */
public final class SyncedUpstream implements AutoCloseable {

    public static final RedisKeys KEYS = new RedisKeys("test:");

    private final LocalRedis redisServer;
    private final RedisClient redis;
    private final MiniUpstream upstream;
    private final MetadataStore store;
    private final MetadataSync sync;

    private SyncedUpstream(LocalRedis redisServer, MiniUpstream upstream, List<Branch> branches) {
        this.redisServer = redisServer;
        this.redis = redisServer.client();
        this.upstream = upstream;
        this.store = new MetadataStore(redis, KEYS);
        this.sync = new MetadataSync(new UpstreamClient(upstream.url().toString(), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                store, branches, PlainThreads.DAEMONS, 8, 3, Duration.ofMinutes(1));
    }

    /** The miniature upstream is generated once into the module's build directory and shared by the test classes. */
    public static SyncedUpstream start(List<Branch> branches) throws Exception {
        Path tree = Path.of("target", "miniature-upstream");
        UpstreamTree.generateIfMissing(tree);
        SyncedUpstream synced = new SyncedUpstream(LocalRedis.start(), MiniUpstream.start(tree, 0), branches);
        synced.sync.run().orElseThrow();
        return synced;
    }

    public RedisClient redis() {
        return redis;
    }

    public MiniUpstream upstream() {
        return upstream;
    }

    public MetadataStore store() {
        return store;
    }

    public MetadataSync sync() {
        return sync;
    }

    @Override
    public void close() throws Exception {
        upstream.close();
        redis.close();
        redisServer.close();
    }
}

package org.openwrt.asu.infrastructure.redis;

import static org.openwrt.asu.infrastructure.redis.RedisKeys.UpstreamFileField.BODY;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.UpstreamFileField.ETAG;
import static org.openwrt.asu.infrastructure.redis.RedisKeys.UpstreamFileField.LAST_MODIFIED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openwrt.asu.domain.PackageIndex;
import org.openwrt.asu.domain.SyncReport;
import org.openwrt.asu.domain.VersionCatalog;
import org.openwrt.asu.infrastructure.upstream.UpstreamFile.Validators;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The server's copy of the upstream metadata in Redis, shared by all nodes. Writers only ever
 * replace a value with a newer good one; nothing here deletes metadata. Every write then moves
 * the generation on and publishes it ({@link MetadataGeneration}), so every node knows its
 * rendered documents are outdated without asking Redis per request.
 */
@ApplicationScoped
public class MetadataStore {

    /** Deletes the lock only if this node still holds it. */
    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** Sets the generation to max(Redis' clock in ms, old + 1) and publishes it. */
    private static final String MOVE_GENERATION_ON = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local generation = string.format('%.0f', math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0') + 1))
            redis.call('SET', KEYS[1], generation)
            redis.call('PUBLISH', ARGV[1], generation)
            return generation
            """;

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

    private UnifiedJedis redis;
    private RedisKeys keys;

    protected MetadataStore() {
    }

    @Inject
    public MetadataStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The copy of an upstream file (its body as stored), if it was ever read. */
    public Optional<String> file(String path) {
        return Optional.ofNullable(redis.hget(keys.upstreamFile(path), BODY));
    }

    public Optional<JsonObject> fileAsJson(String path) {
        return file(path).map(MetadataStore::parse);
    }

    /** The validators of the stored copy; none without a copy, so the next GET fetches it whole. */
    public Validators validators(String path) {
        List<String> fields = redis.hmget(keys.upstreamFile(path), ETAG, LAST_MODIFIED, BODY);
        if (fields.get(2) == null) {
            return Validators.NONE;
        }
        return new Validators(fields.get(0) == null ? "" : fields.get(0), fields.get(1) == null ? "" : fields.get(1));
    }

    public void keepFile(String path, Validators validators, String body) {
        redis.hset(keys.upstreamFile(path), Map.of(ETAG, validators.etag(), LAST_MODIFIED, validators.lastModified(), BODY, body));
        changed();
    }

    /** Drops the copy of a file upstream no longer has. */
    public void forgetFile(String path) {
        redis.del(keys.upstreamFile(path));
    }

    public VersionCatalog versions() {
        return Optional.ofNullable(redis.get(keys.versions())).map(json -> VersionCatalog.fromJson(parse(json)))
                .orElse(VersionCatalog.EMPTY);
    }

    public void keepVersions(VersionCatalog catalog) {
        redis.set(keys.versions(), catalog.toJson().toString());
        changed();
    }

    /** Client profile name to ImageBuilder profile id, empty when the target's profiles were never read. */
    public Map<String, String> profileNames(String version, String target) {
        return redis.hgetAll(keys.profileNames(version, target));
    }

    /**
     * Replaces the name map in one step: readers see the old or the new map, never a mix. Each
     * call stages under a key of its own, so that requests refreshing the same target at once
     * (they do, under load) do not rename each other's staging key away.
     */
    public void keepProfileNames(String version, String target, Map<String, String> aliases) {
        if (aliases.isEmpty()) {
            return;
        }
        String key = keys.profileNames(version, target);
        String staging = key + ":new:" + UUID.randomUUID();
        redis.hset(staging, aliases);
        redis.rename(staging, key);
        changed();
    }

    public Optional<PackageIndex> targetPackages(String version, String target) {
        return Optional.ofNullable(redis.get(keys.targetPackages(version, target)))
                .map(json -> PackageIndex.fromIndexJson(parse(json)));
    }

    public void keepTargetPackages(String version, String target, PackageIndex index) {
        redis.set(keys.targetPackages(version, target), index.toJson().toString());
        changed();
    }

    public Optional<PackageIndex> feedPackages(String version, String arch) {
        return Optional.ofNullable(redis.get(keys.feedPackages(version, arch)))
                .map(json -> PackageIndex.fromIndexJson(parse(json)));
    }

    public void keepFeedPackages(String version, String arch, PackageIndex index) {
        redis.set(keys.feedPackages(version, arch), index.toJson().toString());
        changed();
    }

    /**
     * After the write, never before: a node that hears of the new generation finds the new value.
     * The generation never goes back, and not below Redis' clock either, so that metadata synced
     * again into an emptied Redis is not taken for documents rendered before.
     */
    private void changed() {
        redis.eval(MOVE_GENERATION_ON, List.of(keys.metadataGeneration()), List.of(keys.metadataGenerationChannel()));
    }

    /** Takes the sync lock for {@code expiry} unless another node holds it. */
    public boolean lockSync(String owner, Duration expiry) {
        return "OK".equals(redis.set(keys.janitorLock(), owner, SetParams.setParams().nx().px(expiry.toMillis())));
    }

    /** Extends the sync lock by {@code expiry} while {@code owner} holds it. */
    public void renewSync(String owner, Duration expiry) {
        redis.eval(RENEW, List.of(keys.janitorLock()), List.of(owner, Long.toString(expiry.toMillis())));
    }

    public void unlockSync(String owner) {
        redis.eval(UNLOCK, List.of(keys.janitorLock()), List.of(owner));
    }

    /** Records a finished pass; {@code last_success} only moves when the pass had no errors. */
    public void recordSync(SyncReport report) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of(
                "last_attempt", report.finishedAt().toString(),
                "duration_ms", Long.toString(report.duration().toMillis()),
                "requests", Integer.toString(report.requests()),
                "not_modified", Integer.toString(report.notModified()),
                "changed", Integer.toString(report.changed()),
                "errors", Json.createArrayBuilder(report.errors()).build().toString()));
        if (report.errors().isEmpty()) {
            fields.put("last_success", report.finishedAt().toString());
        }
        redis.hset(keys.janitorSync(), fields);
    }

    /** True while a node holds the sync lock, i.e. a pass runs somewhere. */
    public boolean syncRunning() {
        return redis.exists(keys.janitorLock());
    }

    /** The last pass as recorded (empty before the first): for health checks and metrics. */
    public Map<String, String> syncStatus() {
        return redis.hgetAll(keys.janitorSync());
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}

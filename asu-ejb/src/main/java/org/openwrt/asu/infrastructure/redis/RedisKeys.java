package org.openwrt.asu.infrastructure.redis;

/**
 * The whole Redis key layout of the server. Every key starts with a configurable prefix so
 * several servers (or tests) can share one Redis.
 *
 * <pre>
 * {prefix}build:{hash}        hash   status, request, enqueued_at, imagebuilder_status, details, started_at, node;
 *                                    expires with the result TTL
 * {prefix}queue               zset   hashes waiting for a builder, scored by arrival order
 * {prefix}running             zset   hashes a builder works on, scored by the start (epoch ms)
 * {prefix}queue:sequence      string counter that gives the arrival order
 * {prefix}upstream:file:{path} hash  one upstream file as last read: etag, last_modified, body (JSON; package
 *                                    lists already parsed); the janitor's conditional GETs and the /json/v1 answers use it
 * {prefix}metadata:versions   string {"latest":[…],"versions":[…]} computed from .versions.json and the branches
 * {prefix}metadata:profiles:{version}:{target}  hash  client profile name to ImageBuilder profile id
 * {prefix}metadata:packages:{version}:{target}  string target index.json answer (target packages plus kmods)
 * {prefix}metadata:feeds:{version}:{arch}       string arch -index.json answer (all feeds of the arch)
 * {prefix}metadata:generation string moved on by every metadata write above, to at least Redis' clock in ms
 *                                    (rendered documents are kept per generation); also a channel: each new
 *                                    value is published on it, and "ping" by nodes checking their subscription
 * {prefix}janitor:sync        hash   last_attempt, last_success, duration_ms, requests, not_modified, changed,
 *                                    errors (JSON array)
 * {prefix}janitor:lock        string the node syncing now; expires so a dead node does not block the others
 * {prefix}stats:events:{yyyy-MM-ddTHH}   hash  requests, cache-hits, cache-misses, successes, failures (UTC hour; 35 days)
 * {prefix}stats:clients:{yyyy-MM-dd}      hash  client name and version to requests (UTC day; 190 days)
 * {prefix}stats:builds:{yyyy-MM-dd}       hash  version:target:profile to successful builds
 * {prefix}stats:build-seconds:{yyyy-MM-dd} hash version:target:profile to seconds spent building
 * {prefix}stats:packages:{branch}:{yyyy-MM-dd} hash package to builds that asked for it beyond the defaults
 * {prefix}stats:package-branches:{yyyy-MM-dd} set  the branches with a packages hash that day (the daily keys
 *                                    expire after 190 days; 30 days of events and packages, 26 weeks of builds are read)
 * {prefix}build-errors        list   one line per failed build, newest first, at most 5000
 * {prefix}node:{name}         hash   heard_at, interval_ms, report (JSON: roles, builder slots, running builds,
 *                                    ImageBuilder cache): one node's last heartbeat; expires with asu.node.heartbeat-expiry
 * {prefix}nodes               set    the names of the nodes with a heartbeat hash (an expired one is removed when listed)
 * </pre>
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String build(String requestHash) {
        return prefix + "build:" + requestHash;
    }

    public String queue() {
        return prefix + "queue";
    }

    public String running() {
        return prefix + "running";
    }

    public String queueSequence() {
        return prefix + "queue:sequence";
    }

    public String metadataGeneration() {
        return prefix + "metadata:generation";
    }

    /**
     * The Pub/Sub channel the new generation is published on after each write: channels are
     * apart from the key space, so it takes the key's name.
     */
    public String metadataGenerationChannel() {
        return metadataGeneration();
    }

    /** An upstream file by its path below the upstream URL, e.g. {@code /releases/24.10.2/.targets.json}. */
    public String upstreamFile(String path) {
        return prefix + "upstream:file:" + path;
    }

    public String versions() {
        return prefix + "metadata:versions";
    }

    public String profileNames(String version, String target) {
        return prefix + "metadata:profiles:" + version + ":" + target;
    }

    public String targetPackages(String version, String target) {
        return prefix + "metadata:packages:" + version + ":" + target;
    }

    public String feedPackages(String version, String arch) {
        return prefix + "metadata:feeds:" + version + ":" + arch;
    }

    public String janitorSync() {
        return prefix + "janitor:sync";
    }

    public String janitorLock() {
        return prefix + "janitor:lock";
    }

    /** Field names inside an {@link #upstreamFile(String)} hash. */
    public static final class UpstreamFileField {
        public static final String ETAG = "etag";
        public static final String LAST_MODIFIED = "last_modified";
        public static final String BODY = "body";

        private UpstreamFileField() {
        }
    }

    public String statsEvents(String hour) {
        return prefix + "stats:events:" + hour;
    }

    public String statsClients(String day) {
        return prefix + "stats:clients:" + day;
    }

    public String statsBuilds(String day) {
        return prefix + "stats:builds:" + day;
    }

    public String statsBuildSeconds(String day) {
        return prefix + "stats:build-seconds:" + day;
    }

    public String statsPackages(String branch, String day) {
        return prefix + "stats:packages:" + branch + ":" + day;
    }

    public String statsPackageBranches(String day) {
        return prefix + "stats:package-branches:" + day;
    }

    public String buildErrors() {
        return prefix + "build-errors";
    }

    public String node(String name) {
        return prefix + "node:" + name;
    }

    public String nodes() {
        return prefix + "nodes";
    }

    /** Field names inside a {@link #node(String)} hash. */
    public static final class NodeField {
        public static final String HEARD_AT = "heard_at";
        public static final String INTERVAL_MS = "interval_ms";
        public static final String REPORT = "report";

        private NodeField() {
        }
    }

    /** Field names inside a {@link #build(String)} hash. */
    public static final class BuildField {
        public static final String STATUS = "status";
        public static final String REQUEST = "request";
        public static final String ENQUEUED_AT = "enqueued_at";
        public static final String IMAGEBUILDER_STATUS = "imagebuilder_status";
        public static final String DETAILS = "details";
        public static final String STARTED_AT = "started_at";
        public static final String NODE = "node";

        private BuildField() {
        }
    }
}

package org.openwrt.asu.infrastructure.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The metadata generation ({@link MetadataStore}) as this node knows it, without a Redis round
 * trip per read: a subscription to the channel every write publishes the new generation on.
 * A subscription can fall silent without an error, so when the node has heard nothing on the
 * channel for {@code asu.redis.subscription-check} it publishes {@code ping} there and expects to
 * hear it back; while it has heard nothing for twice that, and before its subscription is up, it
 * reads the generation from Redis at every call. The generation only grows: the largest value
 * heard or read is the one answered.
 */
@ApplicationScoped
public class MetadataGeneration {

    private static final Logger LOG = Logger.getLogger(MetadataGeneration.class.getName());
    private static final String PING = "ping";

    private UnifiedJedis redis;
    private RedisKeys keys;
    private ThreadFactory threads;
    private long checkNanos;

    private final AtomicLong known = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong pingedAt = new AtomicLong();
    private volatile boolean subscribed;
    private volatile long heardAt;
    private volatile boolean stopped;
    private volatile Listener listener;

    protected MetadataGeneration() {
    }

    @Inject
    public MetadataGeneration(UnifiedJedis redis, RedisKeys keys, ManagedThreadFactory threads,
                              @ConfigProperty(name = "asu.redis.subscription-check") Duration check) {
        this(redis, keys, (ThreadFactory) threads, check);
    }

    /** Wired by hand (tests), with plain threads in place of the container's. */
    public MetadataGeneration(UnifiedJedis redis, RedisKeys keys, ThreadFactory threads, Duration check) {
        this.redis = redis;
        this.keys = keys;
        this.threads = threads;
        this.checkNanos = check.toNanos();
        pingedAt.set(System.nanoTime() - checkNanos);
    }

    /**
     * The generation of the last metadata write this node knows of: every write up to it is
     * visible in Redis. The subscription starts with the first call.
     */
    public long current() {
        if (started.compareAndSet(false, true)) {
            threads.newThread(this::listen).start();
        }
        long now = System.nanoTime();
        long silence = now - heardAt;
        if (subscribed && silence < checkNanos) {
            return known.get();
        }
        if (subscribed) {
            ping(now);
            if (silence < 2 * checkNanos) {
                return known.get();
            }
        }
        return raise(read());
    }

    @PreDestroy
    public void stop() {
        stopped = true;
        Listener current = listener;
        if (current != null && current.isSubscribed()) {
            current.unsubscribe();
        }
    }

    private void listen() {
        while (!stopped) {
            try {
                listener = new Listener();
                redis.subscribe(listener, keys.metadataGenerationChannel());
            } catch (RuntimeException lost) {
                LOG.log(Level.FINE, "the metadata generation subscription ended; subscribing again", lost);
            }
            subscribed = false;
            pause();
        }
    }

    private void pause() {
        try {
            TimeUnit.NANOSECONDS.sleep(checkNanos);
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        }
    }

    /** At most one ping per check interval on this node; a failed one is the next check's concern. */
    private void ping(long now) {
        long last = pingedAt.get();
        if (now - last >= checkNanos && pingedAt.compareAndSet(last, now)) {
            try {
                redis.publish(keys.metadataGenerationChannel(), PING);
            } catch (JedisException unreachable) {
                LOG.log(Level.FINE, "could not ping the metadata generation channel", unreachable);
            }
        }
    }

    private long read() {
        String generation = redis.get(keys.metadataGeneration());
        return generation == null ? 0 : Long.parseLong(generation);
    }

    private long raise(long generation) {
        return known.accumulateAndGet(generation, Math::max);
    }

    private final class Listener extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (stopped) {
                unsubscribe();
                return;
            }
            // what was written before the subscription took effect is not published to it
            raise(read());
            heardAt = System.nanoTime();
            subscribed = true;
        }

        @Override
        public void onMessage(String channel, String message) {
            heardAt = System.nanoTime();
            if (!PING.equals(message)) {
                raise(Long.parseLong(message));
            }
        }
    }
}

package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's copy of answers that cannot change until they expire: finished builds (until
 * their result expires in Redis) and the metadata documents of one sync generation. Bounded by
 * {@code asu.answer-cache.max-bytes}; the least recently read answers go first. The callers
 * make it correct across nodes: they only put what Redis says is final, under keys that change
 * when what the answer is made of changes.
 */
@ApplicationScoped
public class AnswerCache {

    private record Entry(RenderedJson answer, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long maxBytes;
    private Clock clock = Clock.systemUTC();
    private long bytes;

    protected AnswerCache() {
    }

    @Inject
    public AnswerCache(@ConfigProperty(name = "asu.answer-cache.max-bytes") long maxBytes) {
        this(maxBytes, Clock.systemUTC());
    }

    /** Wired by hand (tests), with the clock that expires the answers. */
    public AnswerCache(long maxBytes, Clock clock) {
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public synchronized Optional<RenderedJson> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.answer());
    }

    /** Keeps an answer until {@code expiresAt}; one larger than the whole cache is not kept. */
    public synchronized void put(String key, RenderedJson answer, Instant expiresAt) {
        if (answer.size() > maxBytes) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(answer, expiresAt));
        bytes += answer.size();
        Iterator<Entry> oldest = entries.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().answer().size();
            oldest.remove();
        }
    }

    /** The bytes the kept answers take. */
    public synchronized long bytes() {
        return bytes;
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.answer().size();
        }
    }
}

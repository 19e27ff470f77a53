package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.openwrt.asu.infrastructure.redis.MetadataGeneration;

/**
 * The metadata documents ({@code /json/v1/…}, the 2021 {@code /api/branches}, {@code /api/latest})
 * rendered once per metadata generation and node, then served as stored bytes. A read asks
 * Redis nothing: a write of metadata by any node moves the generation on and every node hears of
 * it ({@link MetadataGeneration}), so no node serves a document older than the last metadata
 * stored. Absent and empty documents (the {@code {}} of a profile name a client made up) are not
 * kept: they cost a render, not memory.
 */
@ApplicationScoped
public class RenderedMetadata {

    private MetadataGeneration generation;
    private AnswerCache cache;

    protected RenderedMetadata() {
    }

    @Inject
    public RenderedMetadata(MetadataGeneration generation, AnswerCache cache) {
        this.generation = generation;
        this.cache = cache;
    }

    /**
     * @param name   what identifies the document: its path
     * @param render computes it from the metadata in Redis (empty when it does not exist)
     */
    public Optional<RenderedJson> document(String name, Supplier<Optional<? extends JsonStructure>> render) {
        // read the generation first: what is rendered after it holds every write up to it
        String key = key(generation.current(), name);
        Optional<RenderedJson> kept = cache.get(key);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<? extends JsonStructure> document = render.get();
        Optional<RenderedJson> rendered = document.map(RenderedJson::of);
        if (document.isPresent() && !isEmpty(document.get())) {
            cache.put(key, rendered.get(), Instant.MAX);
        }
        return rendered;
    }

    /** The document as this node rendered it for the current generation, if it did; nothing is rendered here. */
    public Optional<RenderedJson> rendered(String name) {
        return cache.get(key(generation.current(), name));
    }

    private static String key(long generation, String name) {
        return "metadata:" + generation + ":" + name;
    }

    private static boolean isEmpty(JsonStructure document) {
        return document instanceof JsonObject object ? object.isEmpty() : ((JsonArray) document).isEmpty();
    }
}

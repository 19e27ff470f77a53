package org.openwrt.asu.infrastructure.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.openwrt.asu.application.ImageStore;

/** Produces the store {@code asu.store.backend} names: {@code local} ({@code asu.store.dir}) or {@code s3} ({@code asu.store.s3.*}). */
@ApplicationScoped
public class ImageStores {

    private Config config;

    protected ImageStores() {
    }

    @Inject
    public ImageStores(Config config) {
        this.config = config;
    }

    /** A pseudo-scoped singleton, like the Redis client: one S3 client per application. */
    @Produces
    @Singleton
    ImageStore imageStore() {
        String backend = config.getValue("asu.store.backend", String.class).strip();
        return switch (backend) {
            case "local" -> new LocalImageStore(Path.of(config.getValue("asu.store.dir", String.class)));
            case "s3" -> new S3ImageStore(S3ImageStore.Settings.from(config));
            default -> throw new IllegalArgumentException("asu.store.backend must be local or s3, not " + backend);
        };
    }

    void close(@Disposes ImageStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}

package org.openwrt.asu.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;

/**
 * A {@link LocalRedis} and a client of it for one test class, as a static
 * {@code @RegisterExtension} field: started before the class's {@code @BeforeAll} methods, stopped
 * after its last test.
 */
public final class RedisPerClass implements BeforeAllCallback, AfterAllCallback {

    private LocalRedis server;
    private RedisClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LocalRedis.start();
        client = server.client();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        server.close();
    }

    public RedisClient client() {
        return client;
    }
}

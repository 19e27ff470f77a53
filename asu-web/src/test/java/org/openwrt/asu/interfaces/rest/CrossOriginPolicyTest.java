package org.openwrt.asu.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossOriginPolicyTest {

    @Test
    void starAllowsEveryOriginAndScriptsWithoutOne() {
        CrossOriginPolicy policy = new CrossOriginPolicy("*", Duration.ofHours(24));
        assertEquals(Optional.of("*"), policy.allowedOrigin("http://192.168.1.1"));
        assertEquals(Optional.of("*"), policy.allowedOrigin(null));
        assertFalse(policy.variesByOrigin());
        assertEquals(86400, policy.maxAgeSeconds());
    }

    @Test
    void aListOfOriginsEchoesOnlyTheListedOnes() {
        CrossOriginPolicy policy = new CrossOriginPolicy("https://firmware-selector.openwrt.org, http://192.168.1.1", Duration.ofHours(2));
        assertEquals(Optional.of("http://192.168.1.1"), policy.allowedOrigin("http://192.168.1.1"));
        assertEquals(Optional.empty(), policy.allowedOrigin("http://evil.example"));
        assertEquals(Optional.empty(), policy.allowedOrigin(null));
        assertTrue(policy.variesByOrigin());
        assertEquals(7200, policy.maxAgeSeconds());
    }

    @Test
    void preflightAllowsTheRequestedHeadersAndAlwaysContentType() {
        CrossOriginPolicy policy = new CrossOriginPolicy("*", Duration.ofSeconds(300));
        assertEquals("content-type", policy.allowedHeaders(null));
        assertEquals("content-type, x-requested-with", policy.allowedHeaders("Content-Type, X-Requested-With"));
        assertEquals("content-type, cache-control", policy.allowedHeaders("cache-control"));
    }
}

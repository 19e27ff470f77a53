package org.openwrt.asu.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LegacyErrorsTest {

    @Test
    void the2021PathsAreTheOnlyOnesWithTheOldShape() {
        assertTrue(LegacyErrors.covers("api/build"));
        assertTrue(LegacyErrors.covers("/api/build/0222f0cd9290"));
        assertTrue(LegacyErrors.covers("api/build/a/b"));
        assertTrue(LegacyErrors.covers("api/branches"));
        assertTrue(LegacyErrors.covers("api/latest"));
        assertFalse(LegacyErrors.covers("api/v1/build"));
        assertFalse(LegacyErrors.covers("api/buildx"));
        assertFalse(LegacyErrors.covers("api/v1/latest"));
        assertFalse(LegacyErrors.covers("json/v1/overview.json"));
        assertFalse(LegacyErrors.covers("store/api/build"));
    }

    @Test
    void statusWordsFollowTheReasonPhrase() {
        assertEquals("not_found", LegacyErrors.word(404));
        assertEquals("method_not_allowed", LegacyErrors.word(405));
        assertEquals("not_acceptable", LegacyErrors.word(406));
        assertEquals("unsupported_media_type", LegacyErrors.word(415));
        assertEquals("internal_server_error", LegacyErrors.word(500));
        assertEquals("unavailable", LegacyErrors.word(503));
        assertEquals("overloaded", LegacyErrors.word(529));
    }
}

package org.openwrt.asu.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.application.RequestValidation.Checks;
import org.openwrt.asu.domain.Build;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.BuildStatus;
import org.openwrt.asu.domain.RequestHash;
import org.openwrt.asu.infrastructure.redis.BuildStatistics;
import org.openwrt.asu.infrastructure.redis.BuildStatistics.Event;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.testing.SyncedUpstream;

/**
 * Accepting requests, against a real Redis holding a janitor pass over the miniature upstream and
 * a queue kept in memory (the broker's part is covered by the integration tests).
 */
class BuildServiceTest {

    private static final String ARCHER_C7 = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink,archer-c7-v5\"";

    static SyncedUpstream synced;

    private final List<String> sent = new ArrayList<>();
    private boolean brokerDown;
    private BuildStore store;
    private BuildStatistics statistics;

    /** The builders' queue in memory: it records what was sent, or refuses like a broker that is down. */
    private final BuildQueue queue = new BuildQueue() {
        @Override
        public void send(String requestHash, JsonObject request) {
            if (brokerDown) {
                throw new BuildQueueUnavailableException("broker down", null);
            }
            sent.add(requestHash);
        }

        @Override
        public void park(String requestHash, String request, String failure, int attempts, String node) {
            throw new UnsupportedOperationException("accepting requests parks nothing");
        }
    };

    @BeforeAll
    static void sync() throws Exception {
        synced = SyncedUpstream.start(RequestValidationTest.BRANCHES);
    }

    @AfterAll
    static void stop() throws Exception {
        synced.close();
    }

    @BeforeEach
    void emptyQueue() {
        synced.redis().del(SyncedUpstream.KEYS.queue());
        synced.redis().keys(SyncedUpstream.KEYS.build("*")).forEach(synced.redis()::del);
        synced.redis().keys("test:stats:*").forEach(synced.redis()::del);
        store = new BuildStore(synced.redis(), SyncedUpstream.KEYS);
        statistics = new BuildStatistics(synced.redis(), SyncedUpstream.KEYS);
    }

    private BuildService service(long maxPending) {
        return new BuildService(store, queue, RequestValidationTest.validation(synced), statistics, BuildMeter.NONE, maxPending);
    }

    private Map<Event, Long> thisHour() {
        return statistics.eventsPerHour(Instant.now(), 1).get(0);
    }

    @Test
    void aNewRequestIsValidatedStoredAsQueuedAndSentOnce() {
        BuildService builds = service(10);
        BuildRequest request = RequestValidationTest.request(ARCHER_C7 + ",\"packages\":[\"vim\"]");

        Build queued = builds.submit(request, "luci/24.10.2");
        Build again = builds.submit(request, "luci/24.10.2");

        assertEquals(RequestHash.of(request), queued.requestHash(), "the hash of the request as sent");
        assertEquals(List.of(BuildStatus.QUEUED, 0L), List.of(queued.status(), queued.queuePosition()));
        assertEquals(List.of(queued.requestHash()), sent, "identical requests share one build");
        assertEquals(queued, again);
        assertEquals("tplink_archer-c7-v5", store.start(queued.requestHash(), "test-node").orElseThrow().getString("profile"),
                "the builders get the validated request");
        assertEquals(Map.of(Event.REQUESTS, 2L, Event.CACHE_MISSES, 1L), withoutZeros(thisHour()),
                "a queued build answers the second request, but is no cache hit");
    }

    @Test
    void aRequestAnsweredFromARenderedBuildCountsAsAHitWithItsClient() {
        BuildService builds = service(10);
        builds.answeredFromCache("auc/0.3.2");
        builds.answeredFromCache("auc/0.3.2");

        assertEquals(Map.of(Event.REQUESTS, 2L, Event.CACHE_HITS, 2L), withoutZeros(thisHour()));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals("2", synced.redis().hget(SyncedUpstream.KEYS.statsClients(today), "auc/0.3.2"));
        assertTrue(synced.redis().ttl(SyncedUpstream.KEYS.statsClients(today)) > 0, "the bucket expires");
    }

    @Test
    void aRejectedRequestIsCountedAsAMissAndNotQueued() {
        BuildService builds = service(10);
        assertThrows(BuildRequestRejectedException.class,
                () -> builds.submit(RequestValidationTest.request(ARCHER_C7.replace("tplink,archer-c7-v5", "Foobar")), "auc/0.3.2"));
        assertEquals(List.of(), sent);
        assertEquals(0, store.queueLength());
        assertEquals(Map.of(Event.REQUESTS, 1L, Event.CACHE_MISSES, 1L), withoutZeros(thisHour()));
    }

    @Test
    void tooManyWaitingBuildsRefuseNewRequestsButNotExistingBuilds() {
        BuildService builds = service(0);
        Build first = builds.submit(RequestValidationTest.request(ARCHER_C7), "auc/0.3.2");
        assertThrows(ServerOverloadedException.class,
                () -> builds.submit(RequestValidationTest.request(ARCHER_C7 + ",\"packages\":[\"vim\"]"), "auc/0.3.2"));
        assertEquals(first, builds.submit(RequestValidationTest.request(ARCHER_C7), "auc/0.3.2"));
    }

    @Test
    void aRequestTheBrokerDoesNotTakeLeavesNothingBehind() {
        brokerDown = true;
        BuildRequest request = RequestValidationTest.request(ARCHER_C7);
        assertThrows(BuildQueueUnavailableException.class, () -> service(10).submit(request, "auc/0.3.2"));
        assertTrue(store.find(RequestHash.of(request)).isEmpty());
        assertEquals(0, store.queueLength());
    }

    @Test
    void the2021ApiQueuesUnderItsOwnHashAndRefusesUnknownPackagesFirst() {
        BuildService builds = service(10);
        BuildRequest unknown = RequestValidationTest.request(ARCHER_C7 + ",\"packages\":[\"-no-such-package\"]");
        assertThrows(UnknownPackagesException.class, () -> builds.submit(unknown, "0123456789ab", "unknown/0", Checks.LEGACY));
        assertEquals(List.of(), sent);

        Build queued = builds.submit(RequestValidationTest.request(ARCHER_C7), "0123456789ab", "unknown/0", Checks.LEGACY);
        assertEquals(List.of("0123456789ab"), sent);
        assertEquals("0123456789ab", queued.requestHash());
    }

    private static Map<Event, Long> withoutZeros(Map<Event, Long> counts) {
        Map<Event, Long> nonZero = new EnumMap<>(Event.class);
        counts.forEach((event, count) -> {
            if (count != 0) {
                nonZero.put(event, count);
            }
        });
        return nonZero;
    }
}

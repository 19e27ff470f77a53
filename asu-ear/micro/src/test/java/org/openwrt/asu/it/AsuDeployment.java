package org.openwrt.asu.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What every Arquillian test class here shares: the packaged WAR, its address, the first metadata sync. */
final class AsuDeployment {

    /** The device most tests build for, as the JSON fields of a request: a miniature-upstream ath79 router on 24.10.2. */
    static final String ARCHER_C7 = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\"";

    private AsuDeployment() {
    }

    /** The real WAR Maven packaged (asu-web with the EJB jars), not a test archive. */
    static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "asu.war")
                .importFrom(new File(System.getProperty("asu.it.war"))).as(WebArchive.class);
    }

    /** The connector reports the machine's interface address; the server listens on loopback too. */
    static URI base(URL deploymentUrl) {
        return URI.create("http://127.0.0.1:" + deploymentUrl.getPort() + "/");
    }

    /**
     * Waits (up to two minutes) until a janitor pass has completed on the test Redis, as the
     * readiness check {@code upstream-metadata} reports: from then on every synced version,
     * target and feed of the miniature upstream is there and build requests validate against it.
     * (Test classes share the Redis and metadata is never deleted, so a pass of an earlier class
     * counts; BuildFlowIT's Redis restart empties it, and then this class's own first pass does.)
     */
    static void awaitFirstSync(AsuClient asu) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!lastSuccessRecorded(asu) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    private static boolean lastSuccessRecorded(AsuClient asu) {
        JsonArray checks = AsuClient.json(asu.get("/health/ready")).getJsonArray("checks");
        return checks != null && checks.getValuesAs(JsonObject.class).stream()
                .filter(check -> "upstream-metadata".equals(check.getString("name")))
                .map(check -> check.getJsonObject("data"))
                .anyMatch(data -> data != null && !"never".equals(data.getString("last_success", "never")));
    }
}

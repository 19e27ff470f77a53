package org.openwrt.asu.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What every Arquillian test class here shares: the packaged WAR, its address, the first metadata sync. */
final class AsuDeployment {

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
     * Waits (up to two minutes) until the janitor's first pass has read 24.10.2's package feeds,
     * the last thing it syncs: from then on build requests validate against the miniature upstream.
     */
    static void awaitFirstSync(AsuClient asu) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!asu.get("/json/v1/releases/24.10.2/packages/mips_24kc-index.json").body().contains("\"vim\"")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }
}

package org.openwrt.asu.it;

import java.io.File;
import java.net.URI;
import java.util.List;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentTargetDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.test.spi.client.deployment.DeploymentScenarioGenerator;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The Arquillian side of {@link AsuServer.Deployed}: every class so marked gets the real WAR as
 * its deployment (in place of a {@code @Deployment} method of its own), and once it is deployed
 * the address it answers on is kept for {@link AsuServer} to hand to the tests. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class AsuDeployment implements LoadableExtension {

    /** The device most tests build for, as the JSON fields of a request: a miniature-upstream ath79 router on 24.10.2. */
    static final String ARCHER_C7 = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\"";

    /** Set between Arquillian's deployment and undeployment of a class's WAR, read by the tests' thread. */
    private static volatile URI deployedBase;

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeploymentScenarioGenerator.class, TheWar.class).observer(Address.class);
    }

    /** Where the WAR of the running test class answers, or a failure saying it is not deployed. */
    static URI base() {
        URI base = deployedBase;
        if (base == null) {
            throw new IllegalStateException("no ASU WAR is deployed: is the test class annotated @AsuServer.Deployed?");
        }
        return base;
    }

    /** The real WAR Maven packaged (asu-web with the EJB jars), not a test archive; the tests call it from outside. */
    static final class TheWar implements DeploymentScenarioGenerator {

        @Override
        public List<DeploymentDescription> generate(TestClass testClass) {
            if (!testClass.isAnnotationPresent(AsuServer.Deployed.class)) {
                return List.of();
            }
            WebArchive war = ShrinkWrap.create(ZipImporter.class, "asu.war")
                    .importFrom(new File(System.getProperty("asu.it.war"))).as(WebArchive.class);
            DeploymentDescription deployment = new DeploymentDescription(DeploymentTargetDescription.DEFAULT.getName(), war);
            deployment.shouldBeTestable(false);
            return List.of(deployment);
        }
    }

    /** Keeps the deployed WAR's address while it is deployed. */
    static final class Address {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        void deployed(@Observes AfterDeploy event) {
            // the connector reports the machine's interface address; the server listens on loopback too
            int port = protocolMetaData.get().getContexts(HTTPContext.class).iterator().next().getPort();
            deployedBase = URI.create("http://127.0.0.1:" + port + "/");
        }

        void undeployed(@Observes AfterUnDeploy event) {
            deployedBase = null;
        }
    }
}

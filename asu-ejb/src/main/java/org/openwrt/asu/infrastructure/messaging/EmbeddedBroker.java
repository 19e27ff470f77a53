package org.openwrt.asu.infrastructure.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Artemis broker that runs inside the server unless {@code asu.broker.embedded=false}
 * points the application at an external one. Its journal lives under the data directory, so
 * queued builds survive a restart. A build message whose delivery fails (the builder threw, as it
 * does while Redis is unreachable) comes back after a growing delay; after
 * {@code asu.broker.max-delivery-attempts} attempts it moves to {@value BuildQueueNames#DEAD_BUILDS}.
 */
@Startup
@Singleton
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    /** Held so the level set on it is not lost when JUL drops an unreferenced logger. */
    private static final Logger AUDIT_LOG = Logger.getLogger("org.apache.activemq.audit");

    private boolean embedded;
    private BrokerAccess access;
    private String brokerDir;
    private int maxDeliveryAttempts;
    private long redeliveryDelayMs;
    private double redeliveryMultiplier;
    private long maxRedeliveryDelayMs;

    public EmbeddedBroker() {
    }

    @Inject
    public EmbeddedBroker(@ConfigProperty(name = "asu.broker.embedded") boolean embedded,
                          BrokerAccess access,
                          @ConfigProperty(name = "asu.broker.dir") String brokerDir,
                          @ConfigProperty(name = "asu.broker.max-delivery-attempts") int maxDeliveryAttempts,
                          @ConfigProperty(name = "asu.broker.redelivery-delay-ms") long redeliveryDelayMs,
                          @ConfigProperty(name = "asu.broker.redelivery-multiplier") double redeliveryMultiplier,
                          @ConfigProperty(name = "asu.broker.max-redelivery-delay-ms") long maxRedeliveryDelayMs) {
        this.embedded = embedded;
        this.access = access;
        this.brokerDir = brokerDir;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.redeliveryDelayMs = redeliveryDelayMs;
        this.redeliveryMultiplier = redeliveryMultiplier;
        this.maxRedeliveryDelayMs = maxRedeliveryDelayMs;
    }

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        if (!embedded) {
            LOG.info(() -> "using the external broker at " + access.url());
            return;
        }
        // three INFO lines per message otherwise: floods the log and slows the broker down
        AUDIT_LOG.setLevel(Level.WARNING);
        requirePortIsFree();
        try {
            broker = new EmbeddedActiveMQ().setConfiguration(configuration());
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not start: " + e.getMessage(), e);
        }
        LOG.info(() -> "embedded broker listening on " + access.host() + ":" + access.port() + ", journal in " + brokerDir);
    }

    @PreDestroy
    void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "the embedded broker did not stop cleanly", e);
            }
        }
    }

    /** True while the embedded broker runs; false when it is stopped or the broker is external. */
    @Lock(LockType.READ)
    public boolean running() {
        return broker != null && broker.getActiveMQServer() != null && broker.getActiveMQServer().isActive();
    }

    private Configuration configuration() throws Exception {
        AddressSettings builds = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BuildQueueNames.DEAD_BUILDS))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelayMs)
                .setRedeliveryMultiplier(redeliveryMultiplier)
                .setMaxRedeliveryDelay(maxRedeliveryDelayMs);
        Path dir = Path.of(brokerDir);
        return new ConfigurationImpl()
                .setName("asu")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .addAcceptorConfiguration("tcp", "tcp://" + access.host() + ":" + access.port())
                .addAddressSetting(BuildQueueNames.BUILDS, builds)
                .addQueueConfiguration(QueueConfiguration.of(BuildQueueNames.BUILDS)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true))
                .addQueueConfiguration(QueueConfiguration.of(BuildQueueNames.DEAD_BUILDS)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }

    /** Artemis only logs a clash on its acceptor port and then the server would talk to a stranger. */
    private void requirePortIsFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(access.host(), access.port()));
        } catch (IOException e) {
            throw new IllegalStateException("the embedded broker cannot listen on " + access.host() + ":" + access.port()
                    + " (" + e.getMessage() + "); stop what uses the port or set asu.broker.port", e);
        }
    }
}

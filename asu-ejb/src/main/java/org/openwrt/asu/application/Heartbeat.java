package org.openwrt.asu.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openwrt.asu.domain.NodeHeartbeat;
import org.openwrt.asu.infrastructure.redis.BuildStore;
import org.openwrt.asu.infrastructure.redis.NodeHeartbeats;

/**
 * This node's heartbeat: every {@code asu.node.heartbeat-interval} it tells the nodes sharing
 * Redis its roles, its builder slots, the builds it runs and its ImageBuilder cache, kept for
 * {@code asu.node.heartbeat-expiry}. Every node sends one, web and builder alike; the timer is not
 * persistent, so a node that stops stops beating.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Resource
    TimerService timers;

    private ServerNode node;
    private BuildStore builds;
    private ImageBuilderInventory imageBuilders;
    private NodeHeartbeats heartbeats;
    private int builderSlots;
    private Duration interval;
    private Duration expiry;
    /** Redis being away is logged when it starts and ends, not every interval. */
    private volatile boolean failing;

    public Heartbeat() {
    }

    @Inject
    public Heartbeat(ServerNode node,
                     BuildStore builds,
                     ImageBuilderInventory imageBuilders,
                     NodeHeartbeats heartbeats,
                     @ConfigProperty(name = "asu.builder.slots") int builderSlots,
                     @ConfigProperty(name = "asu.node.heartbeat-interval") Duration interval,
                     @ConfigProperty(name = "asu.node.heartbeat-expiry") Duration expiry) {
        this.node = node;
        this.builds = builds;
        this.imageBuilders = imageBuilders;
        this.heartbeats = heartbeats;
        this.builderSlots = builderSlots;
        this.interval = interval;
        this.expiry = expiry;
    }

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(0, interval.toMillis(), new TimerConfig("heartbeat", false));
    }

    @Timeout
    void beat() {
        try {
            heartbeats.publish(new NodeHeartbeat(node.name(), Instant.now(), interval, report()), expiry);
            if (failing) {
                failing = false;
                LOG.info("heartbeat published again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "heartbeat not published (the other nodes will see this one as stale)", e);
            }
        }
    }

    private JsonObject report() {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        Arrays.stream(NodeRole.values()).filter(node::has).forEach(role -> roles.add(role.configName()));
        JsonArrayBuilder running = Json.createArrayBuilder();
        builds.running().stream().filter(build -> node.name().equals(build.node()))
                .forEach(build -> running.add(ConsoleJson.runningBuild(build)));
        return Json.createObjectBuilder()
                .add("roles", roles)
                // a node without the builder role takes no build, whatever its sessions
                .add("builder_slots", node.has(NodeRole.BUILDER) ? builderSlots : 0)
                .add("running_builds", running)
                .add("imagebuilder_cache", ConsoleJson.imageBuilderCache(imageBuilders.list()))
                .build();
    }
}

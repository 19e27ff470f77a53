package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The name of this server among the nodes that share Redis and the broker: {@code asu.node},
 * else the host name. The operators see it on running builds, parked messages and the
 * ImageBuilder cache, which is per node. Its roles ({@code asu.node.roles}, both by default) say
 * whether it answers the API and whether it builds.
 */
@ApplicationScoped
public class ServerNode {

    private Optional<String> configured;
    private Set<NodeRole> roles;

    protected ServerNode() {
    }

    @Inject
    public ServerNode(@ConfigProperty(name = "asu.node") Optional<String> configured,
                      @ConfigProperty(name = "asu.node.roles") Set<NodeRole> roles) {
        this.configured = configured;
        this.roles = Set.copyOf(roles);
    }

    public boolean has(NodeRole role) {
        return roles.contains(role);
    }

    /** Resolved once: the host name lookup may ask DNS, and every build start asks for the name. */
    private volatile String name;

    public String name() {
        if (name == null) {
            name = configured.filter(value -> !value.isBlank()).orElseGet(ServerNode::hostName);
        }
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

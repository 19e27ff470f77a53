package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The name of this server among the nodes that share Redis and the broker: {@code asu.node},
 * else the host name. The operators see it on running builds, parked messages and the
 * ImageBuilder cache, which is per node.
 */
@ApplicationScoped
public class ServerNode {

    private Optional<String> configured;

    protected ServerNode() {
    }

    @Inject
    public ServerNode(@ConfigProperty(name = "asu.node") Optional<String> configured) {
        this.configured = configured;
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

package org.openwrt.asu.infrastructure.messaging;

/** Names shared by the sender, the builders and the broker configuration. */
public final class BuildQueueNames {

    /** The queue of build requests; each message is one request hash. */
    public static final String BUILDS = "asu.builds";
    /** Where a message lands after the last failed delivery attempt. */
    public static final String DEAD_BUILDS = "asu.builds.dead";
    /** The resource-adapter connection factory (declared in glassfish-resources.xml). */
    public static final String CONNECTION_FACTORY = "java:app/jms/asuConnectionFactory";

    private BuildQueueNames() {
    }
}

package org.openwrt.asu.infrastructure.messaging;

/** Names shared by the sender, the builders and the broker configuration. */
public final class BuildQueueNames {

    /** The queue of build requests; each message is one request hash. */
    public static final String BUILDS = "asu.builds";
    /** Where a message lands after the last failed delivery attempt. */
    public static final String DEAD_BUILDS = "asu.builds.dead";
    /** The resource-adapter connection factory (declared in glassfish-resources.xml). */
    public static final String CONNECTION_FACTORY = "java:app/jms/asuConnectionFactory";

    /** Message properties: every build message carries its hash and request, a parked one why it was parked. */
    public static final String HASH = "asu_hash";
    public static final String REQUEST = "asu_request";
    public static final String FAILURE = "asu_failure";
    public static final String FAILED_AT = "asu_failed_at";
    public static final String ATTEMPTS = "asu_attempts";
    public static final String NODE = "asu_node";

    private BuildQueueNames() {
    }
}

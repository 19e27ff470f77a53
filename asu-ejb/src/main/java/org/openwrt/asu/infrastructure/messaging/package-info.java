/**
 * The build queue on an ActiveMQ Artemis broker, reached through the Artemis JCA resource
 * adapter: the sender, the queue names, and the broker that runs inside the server unless an
 * external one is configured.
 */
package org.openwrt.asu.infrastructure.messaging;

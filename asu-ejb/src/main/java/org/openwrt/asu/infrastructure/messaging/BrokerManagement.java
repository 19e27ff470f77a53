package org.openwrt.asu.infrastructure.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.openwrt.asu.application.BuildQueueUnavailableException;

/**
 * Artemis' management API, spoken as request messages to the broker's management address over
 * the core protocol: the same for the embedded broker and an external one (whose
 * {@code asu.broker.user} then needs the {@code manage} permission). Attributes and operations
 * are those of Artemis' {@code QueueControl}; results come back as JSON. A broker that does not
 * answer or refuses is a {@link BuildQueueUnavailableException}.
 */
@ApplicationScoped
public class BrokerManagement {

    private static final SimpleString MANAGEMENT_ADDRESS = SimpleString.of("activemq.management");
    private static final long REPLY_TIMEOUT_MS = 5000;

    private BrokerAccess broker;

    protected BrokerManagement() {
    }

    @Inject
    public BrokerManagement(BrokerAccess broker) {
        this.broker = broker;
    }

    private ServerLocator locator;
    private ClientSessionFactory sessions;

    /**
     * Queue attributes, e.g. {@code messageCount} of {@code asu.builds}, asked in one session; an
     * attribute the broker has no value for is JSON null.
     */
    public Map<String, JsonValue> queueAttributes(String queue, List<String> attributes) {
        List<JsonValue> values = request(attributes.stream().<Request>map(attribute ->
                message -> ManagementHelper.putAttribute(message, ResourceNames.QUEUE + queue, attribute)).toList());
        Map<String, JsonValue> named = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            named.put(attributes.get(i), values.get(i));
        }
        return named;
    }

    /** Invokes a queue operation, e.g. {@code removeMessage(id)}, and returns its result. */
    public JsonValue queueOperation(String queue, String operation, Object... parameters) {
        return request(List.of(message -> ManagementHelper.putOperationInvocation(message, ResourceNames.QUEUE + queue,
                operation, parameters))).get(0);
    }

    @PreDestroy
    synchronized void close() {
        if (sessions != null) {
            sessions.close();
        }
        if (locator != null) {
            locator.close();
        }
    }

    @FunctionalInterface
    private interface Request {
        void describe(ClientMessage message) throws Exception;
    }

    private List<JsonValue> request(List<Request> requests) {
        try (ClientSession session = session()) {
            session.start();
            try (ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS)) {
                List<JsonValue> results = new ArrayList<>();
                for (Request request : requests) {
                    ClientMessage message = session.createMessage(false);
                    request.describe(message);
                    ClientMessage reply = requestor.request(message, REPLY_TIMEOUT_MS);
                    if (reply == null) {
                        throw new BuildQueueUnavailableException("the broker did not answer a management request within "
                                + REPLY_TIMEOUT_MS + " ms", null);
                    }
                    JsonValue result = result(reply);
                    if (!ManagementHelper.hasOperationSucceeded(reply)) {
                        throw new BuildQueueUnavailableException("the broker refused a management request: " + text(result), null);
                    }
                    results.add(result);
                }
                return results;
            }
        } catch (BuildQueueUnavailableException e) {
            throw e;
        } catch (Exception e) {
            discardSessions();
            throw new BuildQueueUnavailableException("the broker's management API at " + broker.url()
                    + " is unreachable: " + e.getMessage(), e);
        }
    }

    /** The reply body is a JSON array whose first element is the result. */
    private static JsonValue result(ClientMessage reply) {
        SimpleString body = reply.getBodyBuffer().readNullableSimpleString();
        if (body == null) {
            return JsonValue.NULL;
        }
        try (var reader = Json.createReader(new StringReader(body.toString()))) {
            JsonArray results = reader.readArray();
            return results.isEmpty() ? JsonValue.NULL : results.get(0);
        }
    }

    private static String text(JsonValue value) {
        return value instanceof jakarta.json.JsonString string ? string.getString() : String.valueOf(value);
    }

    private synchronized ClientSession session() throws Exception {
        if (sessions == null || sessions.isClosed()) {
            if (locator == null) {
                locator = ActiveMQClient.createServerLocator(broker.url());
            }
            sessions = locator.createSessionFactory();
        }
        return sessions.createSession(broker.user(), broker.password(), false, true, true, false, 0);
    }

    private synchronized void discardSessions() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
    }

}

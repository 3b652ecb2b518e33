package io.topogan.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces the gateway's Kafka channels with SmallRye's in-memory connector, so that the tests run
 * without a broker, and sets the API token. Object storage stays unconfigured.
 */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "test-token-0123456789";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("metrics", "runs",
                "dead-letters"));
        properties.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("run-requests",
                "run-status"));
        properties.put("topogan.gateway.token", TOKEN);
        return properties;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}

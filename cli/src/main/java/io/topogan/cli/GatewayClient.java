package io.topogan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the gateway's REST API. */
public final class GatewayClient {

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public GatewayClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * Starts a run and returns its id.
     *
     * @throws IllegalArgumentException with the gateway's messages if it rejects the settings
     */
    public String startRun(RunConfig config) throws IOException, InterruptedException {
        ObjectNode body = EventJson.mapper().valueToTree(config);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/runs"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = EventJson.mapper().readTree(response.body().isBlank() ? "{}"
                : response.body());
        if (response.statusCode() == 400) {
            throw new IllegalArgumentException("invalid run settings: "
                    + answer.path("problems").toString());
        }
        if (response.statusCode() != 202) {
            throw new IOException("gateway returned HTTP " + response.statusCode() + " for POST"
                    + " /api/runs: " + response.body());
        }
        return answer.path("runId").asText();
    }
}

package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.MetricsCsv;
import io.topogan.events.RunConfig;
import io.topogan.events.RunRequested;
import io.topogan.events.RunStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * REST API of runs: start a run (publishes {@code RunRequested} on {@code topogan.run-requests}),
 * list runs, and read one run's settings, status and metric history as JSON or CSV.
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunHistory history;
    private final GatewayConfig config;
    private final Emitter<Record<String, String>> runRequests;
    private final Emitter<Record<String, String>> runStatus;

    public RunResource(RunHistory history, GatewayConfig config,
            @Channel("run-requests") Emitter<Record<String, String>> runRequests,
            @Channel("run-status") Emitter<Record<String, String>> runStatus) {
        this.history = history;
        this.config = config;
        this.runRequests = runRequests;
        this.runStatus = runStatus;
    }

    /** Answer of a started run. */
    public record Started(String runId, RunConfig config) {
    }

    /** Answer of a rejected request: one message per invalid field. */
    public record Problems(String error, List<String> problems) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(RunRequestBody body, @HeaderParam("Authorization") String authorization) {
        requireToken(authorization);
        if (body == null) {
            return badRequest(List.of("body: a JSON object with the run settings is required"));
        }
        RunConfig runConfig = body.toConfig();
        List<String> problems = new java.util.ArrayList<>(runConfig.problems());
        String runId = body.runId() != null ? body.runId() : newRunId(runConfig);
        if (!RunConfig.isValidRunId(runId)) {
            problems.add("runId: use 1 to 63 lower-case letters, digits or '-', got " + runId);
        } else if (history.find(runId).isPresent()) {
            problems.add("runId: run " + runId + " already exists");
        }
        if (!problems.isEmpty()) {
            return badRequest(problems);
        }
        Instant now = Instant.now();
        runRequests.send(Record.of(runId, EventJson.write(new RunRequested(runId, runConfig, now))));
        RunStatus requested = new RunStatus(1, runId, RunStatus.State.REQUESTED, -1,
                runConfig.epochs(), null, null, null, "waiting for a trainer", runConfig, now);
        history.record(requested);
        runStatus.send(Record.of(runId, EventJson.write(requested)));
        Log.infof("run requested run=%s model=%s dataset=%s epochs=%d", runId, runConfig.model(),
                runConfig.dataset(), runConfig.epochs());
        return Response.accepted(new Started(runId, runConfig)).build();
    }

    @GET
    public List<RunHistory.RunView> list(@HeaderParam("Authorization") String authorization) {
        requireReadAccess(authorization);
        return history.runs().stream()
                .map(run -> new RunHistory.RunView(run.runId(), run.config(), run.status(),
                        List.of()))
                .toList();
    }

    @GET
    @Path("/{runId}")
    public RunHistory.RunView get(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        requireReadAccess(authorization);
        return find(runId);
    }

    @GET
    @Path("/{runId}/metrics")
    public List<MetricComputed> metrics(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        requireReadAccess(authorization);
        return find(runId).metrics();
    }

    /**
     * Returns the metric history as CSV: one row per (epoch, analyzer, layer), one column per
     * value name seen in the run; empty cells where a row has no such value.
     */
    @GET
    @Path("/{runId}/metrics.csv")
    @Produces("text/csv")
    public String metricsCsv(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        requireReadAccess(authorization);
        return MetricsCsv.write(find(runId).metrics());
    }

    private RunHistory.RunView find(String runId) {
        if (!RunConfig.isValidRunId(runId)) {
            throw new WebApplicationException(Response.status(400)
                    .entity(new Problems("invalid run id", List.of("runId: " + runId)))
                    .type(MediaType.APPLICATION_JSON).build());
        }
        return history.find(runId).orElseThrow(() -> new WebApplicationException(
                Response.status(404).entity(Map.of("error", "run " + runId + " not found"))
                        .type(MediaType.APPLICATION_JSON).build()));
    }

    private static Response badRequest(List<String> problems) {
        return Response.status(400).entity(new Problems("invalid run request", problems))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static String newRunId(RunConfig runConfig) {
        return runConfig.model().replace('_', '-') + "-" + RUN_ID_TIME.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    private void requireReadAccess(String authorization) {
        if (config.protectReads()) {
            requireToken(authorization);
        }
    }

    private void requireToken(String authorization) {
        String token = config.token().orElse("");
        if (token.isBlank()) {
            throw new WebApplicationException(Response.status(503)
                    .entity(Map.of("error", "no API token is configured on the gateway; set"
                            + " TOPOGAN_GATEWAY_TOKEN"))
                    .type(MediaType.APPLICATION_JSON).build());
        }
        String expected = "Bearer " + token;
        if (authorization == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new WebApplicationException(Response.status(401)
                    .header("WWW-Authenticate", "Bearer")
                    .entity(Map.of("error", "missing or wrong bearer token"))
                    .type(MediaType.APPLICATION_JSON).build());
        }
    }
}

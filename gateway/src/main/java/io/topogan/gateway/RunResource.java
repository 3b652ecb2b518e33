package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.EnumSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * REST API of runs: start a run (publishes {@code RunRequested} on {@code topogan.run-requests}),
 * request a stop, list runs, and read one run's settings, status and metric history as JSON, CSV
 * or a live server-sent-event stream.
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunResource {

    private static final EnumSet<RunStatus.State> FINISHED = EnumSet.of(
            RunStatus.State.COMPLETED, RunStatus.State.STOPPED, RunStatus.State.FAILED);

    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunHistory history;
    private final RunLookup lookup;
    private final LiveEvents live;
    private final AccessGuard access;
    private final Emitter<Record<String, String>> runRequests;
    private final Emitter<Record<String, String>> runStatus;

    public RunResource(RunHistory history, RunLookup lookup, LiveEvents live,
            AccessGuard access,
            @Channel("run-requests") Emitter<Record<String, String>> runRequests,
            @Channel("run-status") Emitter<Record<String, String>> runStatus) {
        this.history = history;
        this.lookup = lookup;
        this.live = live;
        this.access = access;
        this.runRequests = runRequests;
        this.runStatus = runStatus;
    }

    /** Response body of a started run. */
    public record Started(String runId, RunConfig config) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Publishes a RunRequested event and a"
            + " REQUESTED status. Needs the bearer token. Missing fields take the demo defaults;"
            + " an invalid field is rejected with 400 and a message naming it.")
    public Response start(RunRequestBody body, @HeaderParam("Authorization") String authorization) {
        access.requireToken(authorization);
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
        live.publish(requested);
        Log.infof("run requested run=%s model=%s dataset=%s epochs=%d", runId, runConfig.model(),
                runConfig.dataset(), runConfig.epochs());
        return Response.accepted(new Started(runId, runConfig)).build();
    }

    /**
     * Publishes a {@code RunStatus} with state STOPPED and message "stop requested". The trainer
     * training the run ends it after the current batch, keeps its stored epochs, and publishes a
     * final STOPPED status.
     */
    @POST
    @Path("/{runId}/stop")
    @Operation(summary = "Request a stop", description = "Publishes a STOPPED status. Needs the"
            + " bearer token. 409 when the run has already finished. The trainer ends the run"
            + " after its current batch and publishes a final STOPPED status.")
    public Response stop(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireToken(authorization);
        RunHistory.RunView run = lookup.require(runId);
        RunStatus last = run.status();
        if (last != null && FINISHED.contains(last.state())) {
            return ApiErrors.response(409, "run " + runId + " has already finished with state "
                    + last.state());
        }
        RunConfig runConfig = run.config();
        int epoch = last == null ? -1 : last.epoch();
        int epochs = 0;
        if (last != null) {
            epochs = last.epochs();
        } else if (runConfig != null) {
            epochs = runConfig.epochs();
        }
        RunStatus stopped = new RunStatus(1, runId, RunStatus.State.STOPPED, epoch, epochs,
                null, null, null, "stop requested", runConfig, Instant.now());
        history.record(stopped);
        runStatus.send(Record.of(runId, EventJson.write(stopped)));
        live.publish(stopped);
        Log.infof("stop requested run=%s epoch=%d", runId, epoch);
        return Response.accepted(stopped).build();
    }

    @GET
    @Operation(summary = "List runs", description = "Every run with its settings and latest"
            + " status, newest first, without metrics.")
    public List<RunHistory.RunView> list(@HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        return history.runs().stream()
                .map(run -> new RunHistory.RunView(run.runId(), run.config(), run.status(),
                        List.of()))
                .toList();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run with its metric history", description = "A run unknown in"
            + " memory is looked up in object storage (runs/{id}/config.json).")
    public RunHistory.RunView get(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        return find(runId);
    }

    @GET
    @Path("/{runId}/config")
    @Operation(summary = "Settings of a run")
    public RunConfig runConfig(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        RunConfig runConfig = find(runId).config();
        if (runConfig == null) {
            throw ApiErrors.notFound("the settings of run " + runId + " are not known yet");
        }
        return runConfig;
    }

    @GET
    @Path("/{runId}/metrics")
    @Operation(summary = "Metric history", description = "One MetricComputed per (epoch,"
            + " analyzer, layer), sorted by epoch, analyzer and layer.")
    public List<MetricComputed> metrics(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        return find(runId).metrics();
    }

    @GET
    @Path("/{runId}/losses")
    @Operation(summary = "Training losses per epoch", description = "Mean discriminator and"
            + " generator loss and throughput of each epoch, from the trainer's RunStatus events.")
    public List<RunHistory.EpochLoss> losses(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        find(runId);
        return history.losses(runId);
    }

    /**
     * Returns the metric history as CSV: one row per (epoch, analyzer, layer), one column per
     * value name seen in the run; empty cells where a row has no such value.
     */
    @GET
    @Path("/{runId}/metrics.csv")
    @Produces("text/csv")
    @Operation(summary = "Metric history as CSV")
    public String metricsCsv(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        return MetricsCsv.write(find(runId).metrics());
    }

    /**
     * Streams the run's events as they arrive: {@code metric} events carry a MetricComputed,
     * {@code status} events a RunStatus with the training losses.
     */
    @GET
    @Path("/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live events of a run (server-sent events)", description = "Events"
            + " named metric (MetricComputed JSON) and status (RunStatus JSON) that arrive after"
            + " the client connected.")
    public Multi<OutboundSseEvent> events(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization, @Context Sse sse) {
        access.requireReadAccess(authorization);
        find(runId);
        return live.stream(sse, runId);
    }

    private RunHistory.RunView find(String runId) {
        return lookup.require(runId);
    }

    private static Response badRequest(List<String> problems) {
        return ApiErrors.response(400, "invalid run request", problems);
    }

    private static String newRunId(RunConfig runConfig) {
        return runConfig.model().replace('_', '-') + "-" + RUN_ID_TIME.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }
}

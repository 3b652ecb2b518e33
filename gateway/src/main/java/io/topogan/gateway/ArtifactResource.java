package io.topogan.gateway;

import io.topogan.events.MetricComputed;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Blobs of a run's checkpoints from object storage: which epochs and clouds exist, persistence
 * diagrams as JSON, {@code .npy} or a PNG plot, and the sample grid. Epoch -1 names the run-level
 * clouds ({@code real}, {@code noise}).
 */
@Path("/api/runs/{runId}/epochs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checkpoints")
public class ArtifactResource {

    private static final Pattern CLOUD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String NPY = "application/octet-stream";
    private static final String PNG = "image/png";

    private final RunLookup lookup;
    private final RunStorage storage;
    private final AccessGuard access;

    public ArtifactResource(RunLookup lookup, RunStorage storage, AccessGuard access) {
        this.lookup = lookup;
        this.storage = storage;
        this.access = access;
    }

    /**
     * One checkpoint epoch and what it holds.
     *
     * @param epoch checkpoint epoch, or -1 for the run-level clouds
     * @param clouds clouds that have persistence diagrams, sorted
     * @param grid whether a sample grid PNG is stored
     */
    public record EpochView(int epoch, List<String> clouds, boolean grid) {
    }

    @GET
    @Operation(summary = "Epochs and clouds of a run", description = "Every epoch with stored"
            + " diagrams or metrics, the clouds (samples, real, noise, generator layers) that"
            + " have diagrams, and whether a sample grid is stored.")
    public List<EpochView> epochs(@PathParam("runId") String runId,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        RunHistory.RunView run = lookup.require(runId);
        Map<Integer, TreeSet<String>> clouds = new TreeMap<>();
        Map<Integer, Boolean> grids = new TreeMap<>();
        for (MetricComputed metric : run.metrics()) {
            if (metric.analyzer().equals("homology")) {
                clouds.computeIfAbsent(metric.epoch(), e -> new TreeSet<>()).add(metric.layer());
            }
        }
        storage.store().ifPresent(store -> addStoredEpochs(store, runId, clouds, grids));
        List<EpochView> epochs = new ArrayList<>();
        TreeSet<Integer> all = new TreeSet<>(clouds.keySet());
        all.addAll(grids.keySet());
        for (int epoch : all) {
            epochs.add(new EpochView(epoch,
                    List.copyOf(clouds.getOrDefault(epoch, new TreeSet<>())),
                    grids.getOrDefault(epoch, false)));
        }
        return epochs;
    }

    private static void addStoredEpochs(BlobStore store, String runId,
            Map<Integer, TreeSet<String>> clouds, Map<Integer, Boolean> grids) {
        Pattern stored = Pattern.compile(Pattern.quote(ObjectKeys.run(runId))
                + "(real|epoch-(\\d+))/(?:diagrams/([^/]+)\\.npy|(grid\\.png))");
        List<String> keys;
        try {
            keys = store.list(ObjectKeys.run(runId));
        } catch (StorageException e) {
            // The trainer creates the bucket with the first blob, so a new stack has none yet.
            if (e.getMessage() != null && e.getMessage().contains("NoSuchBucket")) {
                return;
            }
            throw e;
        }
        for (String key : keys) {
            Matcher matcher = stored.matcher(key);
            if (!matcher.matches()) {
                continue;
            }
            int epoch = matcher.group(2) == null ? -1 : Integer.parseInt(matcher.group(2));
            if (matcher.group(3) != null) {
                clouds.computeIfAbsent(epoch, e -> new TreeSet<>()).add(matcher.group(3));
            } else {
                grids.put(epoch, true);
            }
        }
    }

    @GET
    @Path("/{epoch}/diagrams/{cloud}")
    @Operation(summary = "Persistence diagram as JSON", description = "Bars per homology"
            + " dimension as [birth, death] pairs; death is null for a bar that never dies.")
    public Diagram diagram(@PathParam("runId") String runId, @PathParam("epoch") String epoch,
            @PathParam("cloud") String cloud,
            @HeaderParam("Authorization") String authorization) throws IOException {
        return Diagram.fromNpy(runId, parseEpoch(epoch), cloud,
                diagramBytes(runId, epoch, cloud, authorization));
    }

    @GET
    @Path("/{epoch}/diagrams/{cloud}.npy")
    @Produces(NPY)
    @Operation(summary = "Persistence diagram as .npy", description = "float64 (bars, 3), rows"
            + " dimension, birth, death; inf for bars that never die.")
    public Response diagramNpy(@PathParam("runId") String runId,
            @PathParam("epoch") String epoch, @PathParam("cloud") String cloud,
            @HeaderParam("Authorization") String authorization) {
        byte[] bytes = diagramBytes(runId, epoch, cloud, authorization);
        return Response.ok(bytes, NPY)
                .header("Content-Disposition", "attachment; filename=\"" + runId + "-epoch"
                        + epoch + "-" + cloud + ".npy\"")
                .build();
    }

    @GET
    @Path("/{epoch}/diagrams/{cloud}.png")
    @Produces(PNG)
    @Operation(summary = "Persistence diagram as a PNG plot")
    public Response diagramPng(@PathParam("runId") String runId,
            @PathParam("epoch") String epoch, @PathParam("cloud") String cloud,
            @HeaderParam("Authorization") String authorization) throws IOException {
        Diagram diagram = Diagram.fromNpy(runId, parseEpoch(epoch), cloud,
                diagramBytes(runId, epoch, cloud, authorization));
        return Response.ok(DiagramPlot.png(diagram), PNG).build();
    }

    @GET
    @Path("/{epoch}/grid.png")
    @Produces(PNG)
    @Operation(summary = "Grid of the first 64 generated samples of a checkpoint")
    public Response grid(@PathParam("runId") String runId, @PathParam("epoch") String epoch,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        lookup.require(runId);
        int epochNumber = parseEpoch(epoch);
        if (epochNumber < 0) {
            throw ApiErrors.invalid("epoch", "sample grids exist for checkpoint epochs 0 and up,"
                    + " got " + epoch);
        }
        byte[] png = read(ObjectKeys.grid(runId, epochNumber), "no sample grid at epoch " + epoch
                + " of run " + runId);
        return Response.ok(png, PNG).build();
    }

    private byte[] diagramBytes(String runId, String epoch, String cloud, String authorization) {
        access.requireReadAccess(authorization);
        lookup.require(runId);
        int epochNumber = parseEpoch(epoch);
        if (cloud == null || !CLOUD.matcher(cloud).matches()) {
            throw ApiErrors.invalid("cloud", "use samples, real, noise or a layer id such as"
                    + " 03-convtranspose, got " + cloud);
        }
        return read(ObjectKeys.diagrams(runId, epochNumber, cloud), "no diagram of cloud "
                + cloud + " at epoch " + epoch + " of run " + runId);
    }

    private byte[] read(String key, String notFound) {
        try {
            return storage.require().get(key);
        } catch (StorageException e) {
            if (e.isNotFound()) {
                throw ApiErrors.notFound(notFound);
            }
            throw e;
        }
    }

    /** Parses an epoch path segment: -1 or a checkpoint epoch from 0. */
    static int parseEpoch(String epoch) {
        try {
            int value = Integer.parseInt(epoch);
            if (value >= -1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiErrors.invalid("epoch", "must be -1 (run-level clouds) or a checkpoint epoch"
                + " from 0, got " + epoch);
    }
}

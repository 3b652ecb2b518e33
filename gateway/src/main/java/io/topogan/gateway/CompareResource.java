package io.topogan.gateway;

import io.topogan.events.MetricComputed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One metric of several runs side by side, per epoch. */
@Path("/api/compare")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class CompareResource {

    /** Most runs one comparison takes. */
    static final int MAX_RUNS = 12;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RunLookup lookup;
    private final AccessGuard access;

    public CompareResource(RunLookup lookup, AccessGuard access) {
        this.lookup = lookup;
        this.access = access;
    }

    /** One run's values of the compared metric, in epoch order. */
    public record Series(String runId, List<Point> points) {
    }

    /** The metric's value at one epoch. */
    public record Point(int epoch, double value) {
    }

    /** The comparison: the metric, the analyzer and cloud it comes from, and one series per run. */
    public record Comparison(String metric, String analyzer, String layer, List<Series> series) {
    }

    @GET
    @Operation(summary = "Compare runs", description = "Values of one metric per epoch for each"
            + " run, such as runs=a,b&metric=h1.entropy. layer defaults to samples; analyzer is"
            + " needed only for a metric that several analyzers compute (points).")
    public Comparison compare(@QueryParam("runs") String runs,
            @QueryParam("metric") String metric, @QueryParam("analyzer") String analyzer,
            @QueryParam("layer") String layer,
            @HeaderParam("Authorization") String authorization) {
        access.requireReadAccess(authorization);
        Set<String> runIds = parseRuns(runs);
        if (metric == null || !NAME.matcher(metric).matches()) {
            throw ApiErrors.invalid("metric", "name one metric value such as h1.entropy,"
                    + " h0.wasserstein_real or mle, got " + metric);
        }
        if (analyzer != null && !NAME.matcher(analyzer).matches()) {
            throw ApiErrors.invalid("analyzer", "use homology, entropy or id, got " + analyzer);
        }
        String cloud = layer == null || layer.isBlank() ? "samples" : layer;
        if (!NAME.matcher(cloud).matches()) {
            throw ApiErrors.invalid("layer", "use samples, real, noise or a layer id, got "
                    + layer);
        }
        List<RunHistory.RunView> views = new ArrayList<>();
        for (String runId : runIds) {
            views.add(lookup.require(runId));
        }
        String source = analyzer != null ? analyzer : analyzerOf(views, metric, cloud);
        List<Series> series = new ArrayList<>();
        for (RunHistory.RunView view : views) {
            List<Point> points = new ArrayList<>();
            for (MetricComputed result : view.metrics()) {
                Double value = result.values().get(metric);
                if (value != null && result.layer().equals(cloud)
                        && (source == null || result.analyzer().equals(source))) {
                    points.add(new Point(result.epoch(), value));
                }
            }
            series.add(new Series(view.runId(), points));
        }
        return new Comparison(metric, source, cloud, series);
    }

    private static Set<String> parseRuns(String runs) {
        if (runs == null || runs.isBlank()) {
            throw ApiErrors.invalid("runs", "give one or more run ids separated by commas");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : runs.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_RUNS) {
            throw ApiErrors.invalid("runs", "give 1 to " + MAX_RUNS + " run ids, got "
                    + ids.size());
        }
        return ids;
    }

    /** Returns the one analyzer that computes {@code metric} in these runs, or null for none. */
    private static String analyzerOf(List<RunHistory.RunView> views, String metric, String cloud) {
        TreeSet<String> analyzers = new TreeSet<>();
        for (RunHistory.RunView view : views) {
            for (MetricComputed result : view.metrics()) {
                if (result.layer().equals(cloud) && result.values().containsKey(metric)) {
                    analyzers.add(result.analyzer());
                }
            }
        }
        if (analyzers.size() > 1) {
            throw ApiErrors.invalid("analyzer", "metric " + metric + " is computed by "
                    + analyzers + "; choose one with analyzer=");
        }
        return analyzers.isEmpty() ? null : analyzers.first();
    }
}

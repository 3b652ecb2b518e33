package io.topogan.cli;

import io.topogan.topology.DiagramDistance;
import io.topogan.topology.PersistenceDiagram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the bottleneck or Wasserstein distance between two persistence diagrams. */
@Command(name = "distance", mixinStandardHelpOptions = true,
        description = {"Print the bottleneck or Wasserstein distance between two persistence"
                + " diagrams (L-infinity ground metric, points may match the diagonal).",
            "A diagram file is CSV with the columns birth,death (inf for an infinite death; an"
                + " empty file is an empty diagram), CSV from 'homology --format csv', or JSON"
                + " from 'homology --format json'; select the dimension of the last two with"
                + " --dim."})
final class DistanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First diagram.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Second diagram.")
    Path second;

    @Option(names = "--metric", required = true, paramLabel = "METRIC",
            description = "wasserstein or bottleneck.")
    String metric;

    @Option(names = "--p", defaultValue = "1", paramLabel = "P",
            description = "Order of the Wasserstein distance, >= 1 (default: ${DEFAULT-VALUE}).")
    double order;

    @Option(names = "--dim", paramLabel = "K",
            description = "Homology dimension to read from files with several dimensions.")
    Integer dimension;

    @Option(names = "--infinite", defaultValue = "ignore", paramLabel = "MODE",
            description = "Points with infinite death: ignore (drop them and report how many"
                    + " on stderr) or match (pair them by sorted birth; different counts give"
                    + " inf). Default: ${DEFAULT-VALUE}.")
    String infinite;

    @Override
    public Integer call() throws Exception {
        if (!metric.equals("wasserstein") && !metric.equals("bottleneck")) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--metric': '" + metric
                    + "'; expected wasserstein or bottleneck");
        }
        if (!(order >= 1) || Double.isInfinite(order)) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--p': " + order
                    + "; the Wasserstein order must be a finite number >= 1");
        }
        DiagramDistance.InfiniteDeaths mode = switch (infinite) {
            case "ignore" -> DiagramDistance.InfiniteDeaths.IGNORE;
            case "match" -> DiagramDistance.InfiniteDeaths.MATCH;
            default -> throw TopologyOptions.invalid(spec, "Invalid value for option"
                    + " '--infinite': '" + infinite + "'; expected ignore or match");
        };
        if (dimension != null && dimension < 0) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--dim': " + dimension
                    + "; it must be >= 0");
        }
        PersistenceDiagram a = DiagramFiles.read(first, dimension);
        PersistenceDiagram b = DiagramFiles.read(second, dimension);
        DiagramDistance.Result result = metric.equals("bottleneck")
                ? DiagramDistance.bottleneck(a, b, mode)
                : DiagramDistance.wasserstein(a, b, order, mode);
        if (result.ignoredInfinitePoints() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ignored " + result.ignoredInfinitePoints()
                    + " points with infinite death (use --infinite match to pair them)");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiagramFiles.formatNumber(result.distance()) + "\n");
        out.flush();
        return 0;
    }
}

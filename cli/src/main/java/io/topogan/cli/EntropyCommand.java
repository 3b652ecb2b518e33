package io.topogan.cli;

import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.PersistentEntropy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the persistent entropy of a persistence diagram. */
@Command(name = "entropy", mixinStandardHelpOptions = true,
        description = {"Print the persistent entropy E = -sum p_i log2 p_i of a diagram, with"
                + " p_i = l_i / sum l_j over the finite bars of positive length l_i."
                + " Fewer than two such bars give 0.",
            "DIAGRAM is read as by the distance command."})
final class EntropyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIAGRAM", description = "Diagram file (CSV or JSON).")
    Path file;

    @Option(names = "--normalize", defaultValue = "points", paramLabel = "MODE",
            description = "points: E / log2(number of bars), in [0, 1]; none: E in bits;"
                    + " giotto: E / log2(sum of lengths), as giotto-tda 0.6 normalises"
                    + " (nan when the lengths sum to 1). Default: ${DEFAULT-VALUE}.")
    String normalize;

    @Option(names = "--dim", paramLabel = "K",
            description = "Homology dimension to read from files with several dimensions.")
    Integer dimension;

    @Override
    public Integer call() throws Exception {
        PersistentEntropy.Normalization normalization = switch (normalize) {
            case "points" -> PersistentEntropy.Normalization.POINTS;
            case "none" -> PersistentEntropy.Normalization.NONE;
            case "giotto" -> PersistentEntropy.Normalization.GIOTTO;
            default -> throw TopologyOptions.invalid(spec, "Invalid value for option"
                    + " '--normalize': '" + normalize + "'; expected points, none or giotto");
        };
        if (dimension != null && dimension < 0) {
            throw TopologyOptions.invalid(spec, "Invalid value for option '--dim': " + dimension
                    + "; it must be >= 0");
        }
        PersistenceDiagram diagram = DiagramFiles.read(file, dimension);
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiagramFiles.formatNumber(PersistentEntropy.of(diagram, normalization)) + "\n");
        out.flush();
        return 0;
    }
}

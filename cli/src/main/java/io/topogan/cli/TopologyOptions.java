package io.topogan.cli;

import io.topogan.topology.Metric;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Validation shared by the topology commands; a violation is a usage error (exit code 2). */
final class TopologyOptions {

    /** Highest homology dimension the commands accept; higher ones are rarely tractable. */
    static final int MAX_SUPPORTED_DIM = 3;

    private TopologyOptions() {
    }

    static CommandLine.ParameterException invalid(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static void requireMaxDim(CommandSpec spec, int maxDim) {
        if (maxDim < 0 || maxDim > MAX_SUPPORTED_DIM) {
            throw invalid(spec, "Invalid value for option '--maxdim': " + maxDim
                    + " is outside 0.." + MAX_SUPPORTED_DIM);
        }
    }

    /** Parses a metric name; null means the default, Euclidean. */
    static Metric metric(CommandSpec spec, String name) {
        if (name == null) {
            return Metric.EUCLIDEAN;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "euclidean" -> Metric.EUCLIDEAN;
            case "cosine" -> Metric.COSINE;
            default -> throw invalid(spec, "Invalid value for option '--metric': unknown metric '"
                    + name + "'; expected euclidean or cosine");
        };
    }
}

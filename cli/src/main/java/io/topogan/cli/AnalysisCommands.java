package io.topogan.cli;

import java.util.Set;
import picocli.CommandLine.Command;

/**
 * Root command with only the commands that analyse files, used by {@link Main} when one of them
 * is run. Picocli inspects every subcommand class of a root at start-up, and the full root's
 * training and stack commands would load classes that an analysis never uses. With this root a
 * short analysis starts faster and uses less memory.
 */
@Command(name = "topogan",
        subcommands = {HomologyCommand.class, DistanceCommand.class, EntropyCommand.class})
final class AnalysisCommands {

    /** Names of the subcommands, as the first command-line argument selects them. */
    static final Set<String> NAMES = Set.of("homology", "distance", "entropy");
}

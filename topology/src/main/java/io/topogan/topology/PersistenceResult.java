package io.topogan.topology;

import java.util.List;

/**
 * Output of {@link RipsPersistence}: one diagram per dimension 0..maxDim, in order, and the
 * threshold up to which the filtration was built (the enclosing radius unless a lower threshold
 * was requested).
 */
public record PersistenceResult(List<PersistenceDiagram> diagrams, double threshold) {

    public PersistenceResult {
        diagrams = List.copyOf(diagrams);
    }

    /** Diagram of the given homology dimension. */
    public PersistenceDiagram diagram(int dimension) {
        return diagrams.get(dimension);
    }

    /** Highest homology dimension computed. */
    public int maxDim() {
        return diagrams.size() - 1;
    }
}

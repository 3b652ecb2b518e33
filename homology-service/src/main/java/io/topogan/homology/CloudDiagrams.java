package io.topogan.homology;

import io.topogan.topology.PersistenceDiagram;
import java.util.List;

/**
 * Persistence diagrams of one point cloud, with how they were computed.
 *
 * @param diagrams one diagram per dimension 0..maxDimension
 * @param points points in the cloud before subsampling
 * @param nPerm points kept by greedy furthest-point subsampling
 * @param coveringRadius covering radius of the subsample, 0 when every point was kept
 * @param computeMillis wall time of subsampling and persistence, 0 when read back from storage
 */
public record CloudDiagrams(List<PersistenceDiagram> diagrams, int points, int nPerm,
        double coveringRadius, long computeMillis) {
}

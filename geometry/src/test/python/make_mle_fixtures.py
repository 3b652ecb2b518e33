"""Write the fixtures of the per-k and anchor tests of the Levina-Bickel estimator.

Run from the module folder, after make_fixtures.py, with a Python that has numpy, scipy and
scikit-learn:

    python3 src/test/python/make_mle_fixtures.py

It reads the committed <cloud>-points.csv files and writes, under
src/test/resources/io/topogan/geometry/:
  <cloud>-mle-by-k.csv          k,mle,inv_mle for k = 3..12 on all distinct points
  <cloud>-anchor-rows.csv       the anchor rows (0-based input rows), one line
  <cloud>-anchor-mle-by-k.csv   k,mle,inv_mle for k = 3..12 averaged over the anchors only

Undefined estimates (some m(x) = 0) are written as nan. Duplicate rows are removed before
anything else. An anchor row that repeats an earlier row stands for the distinct point of that
row, and the anchors name different distinct points. The neighbours of an anchor are all
distinct points except itself, from exact float64 distances (scipy cdist), checked against
scikit-learn's brute-force search. The estimator is written here in numpy, independently of the
Java code.
"""

import os

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.neighbors import NearestNeighbors

K_MAX = 12
ANCHORS = 40
RESOURCES = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "topogan",
                         "geometry")
CLOUDS = ["gaussian5in50", "swissroll", "circle10", "duplicates", "grid"]


def read_points(cloud):
    path = os.path.join(RESOURCES, cloud + "-points.csv")
    return np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2).astype(np.float64)


def sorted_distances(distinct, queries, k):
    """k smallest float64 distances from each query (a distinct index) to the other points."""
    distances = cdist(distinct[queries], distinct)
    distances[np.arange(len(queries)), queries] = np.inf
    nearest = np.sort(distances, axis=1)[:, :k]

    search = NearestNeighbors(n_neighbors=k + 1, algorithm="brute").fit(distinct)
    sk_distances, _ = search.kneighbors(distinct[queries])
    assert np.allclose(sk_distances[:, 1:], nearest, rtol=1e-6, atol=1e-9), "scikit-learn differs"
    return nearest


def mle_by_k(nearest):
    """(k, mle, inv_mle) for k = 3..K_MAX from sorted neighbour distances of the averaged points."""
    rows = []
    for k in range(3, K_MAX + 1):
        distances = nearest[:, :k]
        m = np.log(distances[:, -1:] / distances[:, :-1]).sum(axis=1) / (k - 2)
        if np.any(m == 0):
            rows.append((k, np.nan, np.nan))
        else:
            rows.append((k, np.mean(1 / m), 1 / np.mean(m)))
    return rows


def anchor_rows(points, first_index, inverse, rng):
    """ANCHORS input rows naming different distinct points, in random order."""
    rows = []
    seen = set()
    for row in rng.permutation(len(points)):
        if inverse[row] not in seen:
            seen.add(inverse[row])
            rows.append(int(row))
        if len(rows) == ANCHORS:
            break
    return rows


def write_rows(path, rows):
    with open(path, "w") as out:
        for k, mle, inv_mle in rows:
            out.write("%d,%.17g,%.17g\n" % (k, mle, inv_mle))


def main():
    rng = np.random.default_rng(20240612)
    for cloud in CLOUDS:
        points = read_points(cloud)
        distinct, first_index, inverse = np.unique(points, axis=0, return_index=True,
                                                   return_inverse=True)
        inverse = inverse.ravel()
        everyone = np.arange(len(distinct))
        write_rows(os.path.join(RESOURCES, cloud + "-mle-by-k.csv"),
                   mle_by_k(sorted_distances(distinct, everyone, K_MAX)))

        rows = anchor_rows(points, first_index, inverse, rng)
        with open(os.path.join(RESOURCES, cloud + "-anchor-rows.csv"), "w") as out:
            out.write(",".join(str(row) for row in rows) + "\n")
        anchors = inverse[rows]
        write_rows(os.path.join(RESOURCES, cloud + "-anchor-mle-by-k.csv"),
                   mle_by_k(sorted_distances(distinct, anchors, K_MAX)))
        repeated = sum(1 for row in rows if first_index[inverse[row]] != row)
        print(cloud, len(distinct), "distinct points,", len(rows), "anchors,", repeated,
              "of them rows that repeat an earlier row")


if __name__ == "__main__":
    main()

"""Write the CSV fixtures of the geometry tests.

Run from the module folder with a Python that has numpy, scipy and scikit-learn:

    python3 src/test/python/make_fixtures.py

For each point cloud it writes, under src/test/resources/io/topogan/geometry/:
  <cloud>-points.csv         float32 coordinates, one point per line
  <cloud>-knn-indices.csv    10 nearest neighbours per point, self excluded
  <cloud>-knn-distances.csv  their Euclidean distances
  <cloud>-estimates.csv      name,value lines of the intrinsic dimension estimates

Neighbours come from exact float64 distances (scipy cdist), ordered by distance and then by
index. The script checks them against scikit-learn's brute-force search: the same indices where
the cloud has no tied distances, and distances within 1e-5 relative everywhere. The estimators
are written here in numpy, independently of the Java code, on float64 distances.
"""

import os

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.datasets import make_swiss_roll
from sklearn.neighbors import NearestNeighbors

K = 10
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "topogan", "geometry")


def gaussian_in_subspace(rng):
    """400 standard Gaussian points of a random 5-dimensional subspace of R^50."""
    basis, _ = np.linalg.qr(rng.standard_normal((50, 5)))
    return rng.standard_normal((400, 5)) @ basis.T


def swiss_roll(rng):
    """500 points of the noiseless swiss roll in R^3, a 2-dimensional manifold."""
    points, _ = make_swiss_roll(500, noise=0.0, random_state=rng.integers(2**31))
    return points


def circle(rng):
    """300 points at random angles on a unit circle in a random plane of R^10."""
    basis, _ = np.linalg.qr(rng.standard_normal((10, 2)))
    angles = rng.uniform(0, 2 * np.pi, 300)
    return np.column_stack([np.cos(angles), np.sin(angles)]) @ basis.T


def with_duplicates(rng):
    """200 Gaussian points in R^8 plus 60 exact copies of some of them, shuffled."""
    base = rng.standard_normal((200, 8))
    copies = base[rng.integers(0, 200, 60)]
    points = np.vstack([base, copies])
    return points[rng.permutation(len(points))]


def grid(rng):
    """The 100 points of a 5 x 5 x 4 integer grid in random order: many tied distances."""
    axes = np.meshgrid(np.arange(5), np.arange(5), np.arange(4), indexing="ij")
    points = np.column_stack([axis.ravel() for axis in axes]).astype(np.float64)
    return points[rng.permutation(len(points))]


def exact_neighbors(points, k):
    """k nearest neighbours by float64 distance, self excluded, ties by lower index."""
    distances = cdist(points, points)
    np.fill_diagonal(distances, np.inf)
    n = len(points)
    indices = np.empty((n, k), dtype=np.int64)
    for i in range(n):
        order = np.lexsort((np.arange(n), distances[i]))
        indices[i] = order[:k]
    return indices, np.take_along_axis(distances, indices, axis=1)


def check_against_sklearn(points32, indices, distances, has_ties):
    search = NearestNeighbors(n_neighbors=indices.shape[1], algorithm="brute").fit(points32)
    sk_distances, sk_indices = search.kneighbors()
    assert np.allclose(sk_distances, distances, rtol=1e-5, atol=1e-5), "distances differ"
    if not has_ties:
        assert np.array_equal(sk_indices, indices), "neighbour indices differ from scikit-learn"


def mle(points, k):
    """Levina-Bickel m(x) with 1/(k-2); returns (mean of 1/m, 1/mean of m).

    Both are NaN (undefined) when some m(x) is 0, as in the Java estimator.
    """
    _, distances = exact_neighbors(points, k)
    logs = np.log(distances[:, -1:] / distances[:, :-1])
    m = logs.sum(axis=1) / (k - 2)
    if np.any(m == 0):
        return np.nan, np.nan
    return np.mean(1 / m), 1 / np.mean(m)


def twonn(points, discard_fraction=0.1):
    """TwoNN slope through the origin; F(i) = i/N with i 1-based and N all distinct points."""
    _, distances = exact_neighbors(points, 2)
    mu = np.sort(distances[:, 1] / distances[:, 0])
    n = len(mu)
    fitted = int(np.floor(n * (1 - discard_fraction)))
    x = np.log(mu[:fitted])
    y = -np.log(1 - np.arange(1, fitted + 1) / n)
    if x @ x == 0:
        return np.nan, n, fitted
    return float(x @ y / (x @ x)), n, fitted


def write_csv(path, rows, fmt):
    with open(path, "w") as out:
        for row in rows:
            out.write(",".join(fmt(value) for value in row) + "\n")


def write_cloud(name, points, has_ties=False):
    points32 = points.astype(np.float32)
    points64 = points32.astype(np.float64)
    indices, distances = exact_neighbors(points64, K)
    check_against_sklearn(points32, indices, distances, has_ties)

    distinct, first = np.unique(points64, axis=0, return_index=True)
    removed = len(points64) - len(distinct)
    mle10, inv_mle10 = mle(distinct, 10)
    mle5, inv_mle5 = mle(distinct, 5)
    twonn_dimension, twonn_points, twonn_fitted = twonn(distinct)

    prefix = os.path.join(OUT, name)
    write_csv(prefix + "-points.csv", points32, lambda v: "%.9g" % v)
    write_csv(prefix + "-knn-indices.csv", indices, str)
    write_csv(prefix + "-knn-distances.csv", distances, lambda v: "%.17g" % v)
    estimates = [
        ("duplicatesRemoved", removed),
        ("pointsUsed", len(distinct)),
        ("mle.k10", mle10),
        ("invMle.k10", inv_mle10),
        ("mle.k5", mle5),
        ("invMle.k5", inv_mle5),
        ("twonn.dimension", twonn_dimension),
        ("twonn.pointsUsed", twonn_points),
        ("twonn.pointsFitted", twonn_fitted),
    ]
    with open(prefix + "-estimates.csv", "w") as out:
        for key, value in estimates:
            out.write("%s,%.17g\n" % (key, value))
    print(name, len(points32), "points,", removed, "duplicates, mle", round(mle10, 3),
          "invMle", round(inv_mle10, 3), "twonn", round(twonn_dimension, 3))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    write_cloud("gaussian5in50", gaussian_in_subspace(rng))
    write_cloud("swissroll", swiss_roll(rng))
    write_cloud("circle10", circle(rng))
    write_cloud("duplicates", with_duplicates(rng), has_ties=True)
    write_cloud("grid", grid(rng), has_ties=True)


if __name__ == "__main__":
    main()

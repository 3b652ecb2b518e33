"""Write the GeoMLE fixtures of the geometry tests.

Run from the module folder with a Python that has numpy, scipy and scikit-learn, after
make_fixtures.py has written the point clouds:

    python3 src/test/python/make_geomle_fixtures.py

GeoMLE (Gomtsyan, Mokrov, Panov and Maximov, ACML 2019) is written here in numpy from its
definition, independently of the Java class io.topogan.geometry.GeoMle. It loops over points and
bootstrap samples, finds neighbours by sorting all float64 distances (scipy cdist) by distance
and then index, and fits the weighted ridge regression with scikit-learn's Ridge and
sample_weight. The bootstrap
draws follow the SplitMix64 stream that the Java class documents, so both sides use the same
samples.

For each point cloud <cloud> of make_fixtures.py it writes, under
src/test/resources/io/topogan/geometry/:
  <cloud>-geomle.csv        name,value lines: the estimate for each parameter set below, the
                            distinct points and the duplicates removed
  <cloud>-geomle-local.csv  local estimates of the distinct points, in order of first
                            occurrence, for the default parameters
and splitmix64.csv with the first outputs of the stream for two seeds, as unsigned integers.
"""

import os

import numpy as np
from scipy.spatial.distance import cdist
from sklearn.linear_model import Ridge

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "topogan", "geometry")
CLOUDS = ["gaussian5in50", "swissroll", "circle10", "duplicates", "grid"]

MASK = (1 << 64) - 1

# name -> (k1, k2, bootstrap samples, degree, alpha, seed); "default" is GeoMle's default.
PARAMETER_SETS = {
    "default": (10, 40, 20, 2, 5e-3, 1234),
    "small": (5, 20, 7, 3, 0.1, 7),
    "single": (4, 12, 1, 1, 0.0, -5),
}


def splitmix64(seed):
    """Yield the SplitMix64 outputs for a signed 64-bit seed as unsigned integers."""
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def bootstrap_members(n, samples, seed):
    """members[b, i] is True when sample b drew point i at least once."""
    stream = splitmix64(seed)
    members = np.zeros((samples, n), dtype=bool)
    for b in range(samples):
        for _ in range(n):
            members[b, ((next(stream) >> 32) * n) >> 32] = True
    return members


def local_estimates(points, k1, k2, samples, degree, alpha, seed):
    """Return (local estimates, None) or (None, reason) for distinct points."""
    n = len(points)
    if n < k2 + 1:
        return None, "too few distinct points"
    members = bootstrap_members(n, samples, seed)
    if np.any(members.sum(axis=1) < k2 + 1):
        return None, "a bootstrap sample is too small"

    distances = cdist(points, points)
    sizes = np.arange(k1, k2 + 1)
    local = np.empty(n)
    for i in range(n):
        dimensions = np.empty((samples, len(sizes)))
        radii = np.empty((samples, len(sizes)))
        for b in range(samples):
            candidates = np.flatnonzero(members[b])
            candidates = candidates[candidates != i]
            order = np.lexsort((candidates, distances[i, candidates]))
            nearest = distances[i, candidates[order[:k2]]]
            for column, k in enumerate(sizes):
                log_sum = np.log(nearest[k - 1] / nearest[:k - 1]).sum()
                if log_sum == 0:
                    return None, "infinite local dimension"
                dimensions[b, column] = (k - 2) / log_sum
                radii[b, column] = nearest[k - 1]

        mean_dimension = dimensions.mean(axis=0)
        mean_radius = radii.mean(axis=0)
        weights = np.ones(len(sizes))
        if samples >= 2:
            deviation = dimensions.std(axis=0, ddof=1)
            if np.all(deviation > 0):
                weights = 1 / deviation
        features = np.column_stack([mean_radius ** p for p in range(1, degree + 1)])
        model = Ridge(alpha=alpha, fit_intercept=True)
        model.fit(features, mean_dimension, sample_weight=weights)
        local[i] = model.intercept_
    return local, None


def distinct_rows(points):
    """Rows without exact duplicates, first occurrences in input order, and the count removed."""
    _, first = np.unique(points, axis=0, return_index=True)
    keep = np.sort(first)
    return points[keep], len(points) - len(keep)


def read_points(cloud):
    return np.loadtxt(os.path.join(OUT, cloud + "-points.csv"), delimiter=",",
                      dtype=np.float32).astype(np.float64)


def write_cloud(cloud):
    distinct, removed = distinct_rows(read_points(cloud))
    lines = [("pointsUsed", len(distinct)), ("duplicatesRemoved", removed)]
    default_local = None
    for name, parameters in PARAMETER_SETS.items():
        local, reason = local_estimates(distinct, *parameters)
        lines.append((name + ".dimension", np.nan if local is None else local.mean()))
        if name == "default":
            default_local = local
        print(cloud, name, reason or round(local.mean(), 4))

    prefix = os.path.join(OUT, cloud)
    with open(prefix + "-geomle.csv", "w") as out:
        for key, value in lines:
            out.write("%s,%.17g\n" % (key, value))
    with open(prefix + "-geomle-local.csv", "w") as out:
        for value in (default_local if default_local is not None else []):
            out.write("%.17g\n" % value)


def write_stream():
    with open(os.path.join(OUT, "splitmix64.csv"), "w") as out:
        for seed in (1234, -5):
            stream = splitmix64(seed)
            out.write(",".join([str(seed)] + [str(next(stream)) for _ in range(8)]) + "\n")


def main():
    write_stream()
    for cloud in CLOUDS:
        write_cloud(cloud)


if __name__ == "__main__":
    main()

"""Time scikit-learn's exact brute-force 10-nearest-neighbour search on 10000 x 784 float32.

    /usr/bin/python3 src/test/python/bench_knn.py FOLDER [REPEATS]

Writes FOLDER/knn.f32 (raw little-endian float32, MNIST-like values in [0, 1], seeded) unless it
exists, so that KnnBenchmark in the metrics-service tests reads the same points. Times
NearestNeighbors(n_neighbors=11, algorithm="brute").fit(x).kneighbors(x) REPEATS times (default
3; 11 because each point is returned as its own neighbour) and prints the median.
"""

import os
import statistics
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

N, D = 10000, 784


def points(folder):
    path = os.path.join(folder, "knn.f32")
    if not os.path.exists(path):
        rng = np.random.default_rng(7)
        centres = rng.random((20, D), dtype=np.float32)
        labels = rng.integers(0, 20, N)
        rows = centres[labels] + 0.3 * rng.random((N, D), dtype=np.float32)
        np.clip(rows, 0, 1).astype("<f4").tofile(path)
    return np.fromfile(path, dtype="<f4").reshape(N, D)


def main():
    folder = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    os.makedirs(folder, exist_ok=True)
    x = points(folder)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        NearestNeighbors(n_neighbors=11, algorithm="brute").fit(x).kneighbors(x)
        times.append(time.perf_counter() - start)
        print("search %.3f s" % times[-1])
    print("median search %.3f s" % statistics.median(times))


if __name__ == "__main__":
    main()

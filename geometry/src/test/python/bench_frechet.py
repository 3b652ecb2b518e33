"""Time the Fréchet distance with numpy and scipy, as FID implementations compute it.

    /usr/bin/python3 src/test/python/bench_frechet.py FOLDER [REPEATS]

Writes two sets of 3000 feature vectors of 2048 float32 values (correlated Gaussians, seeded)
to FOLDER/a.f32 and FOLDER/b.f32 as raw little-endian float32, unless they exist, so that
FrechetBenchmark in the Java tests reads the same features. Then it times, REPEATS times
(default 3), numpy.cov of both sets and the distance from the statistics: scipy.linalg.sqrtm of
sigma_a @ sigma_b, real part, trace. It prints each time, the medians and the distance.
"""

import os
import statistics
import sys
import time

import numpy as np
from scipy import linalg

N, D = 3000, 2048


def features(folder):
    paths = [os.path.join(folder, name) for name in ("a.f32", "b.f32")]
    if not all(os.path.exists(path) for path in paths):
        rng = np.random.default_rng(5)
        for index, path in enumerate(paths):
            mixing = rng.normal(size=(D, D)).astype(np.float32) / np.sqrt(D) * (1 + index * 0.2)
            rows = rng.normal(size=(N, D)).astype(np.float32) @ mixing + 0.1 * index
            rows.astype("<f4").tofile(path)
    return [np.fromfile(path, dtype="<f4").reshape(N, D).astype(np.float64) for path in paths]


def distance(mu_a, sigma_a, mu_b, sigma_b):
    root, _ = linalg.sqrtm(sigma_a @ sigma_b, disp=False)
    if not np.isfinite(root).all():
        shift = np.eye(D) * 1e-6
        root = linalg.sqrtm((sigma_a + shift) @ (sigma_b + shift))
    difference = mu_a - mu_b
    return float(difference @ difference + np.trace(sigma_a) + np.trace(sigma_b)
                 - 2 * np.trace(np.real(root)))


def main():
    folder = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    os.makedirs(folder, exist_ok=True)
    a, b = features(folder)
    statistics_times, distance_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        mu_a, sigma_a = a.mean(axis=0), np.cov(a, rowvar=False)
        mu_b, sigma_b = b.mean(axis=0), np.cov(b, rowvar=False)
        middle = time.perf_counter()
        value = distance(mu_a, sigma_a, mu_b, sigma_b)
        end = time.perf_counter()
        statistics_times.append(middle - start)
        distance_times.append(end - middle)
        print("statistics %.3f s, distance %.3f s" % (middle - start, end - middle))
    print("median statistics %.3f s, median distance %.3f s, frechet distance %.10g"
          % (statistics.median(statistics_times), statistics.median(distance_times), value))


if __name__ == "__main__":
    main()

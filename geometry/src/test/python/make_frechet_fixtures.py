"""Write the fixtures of the Fréchet distance tests.

Run from the module folder with Debian's python3-numpy and python3-scipy (scipy 1.10):

    /usr/bin/python3 src/test/python/make_frechet_fixtures.py

Each case writes, under src/test/resources/io/topogan/geometry/frechet/:
  <case>-a.csv, <case>-b.csv  float32 feature vectors, one per line
  <case>-expected.csv         name,value lines

The expected Fréchet distance follows the formula that FID implementations use: covariances
with the n-1 denominator (numpy.cov), the matrix square root of sigma_a @ sigma_b by
scipy.linalg.sqrtm, its real part, and a retry with 1e-6 added to both diagonals when that
square root is not finite. trace_sqrt_eigh is the same trace from a second route, the
eigenvalues of A sigma_b A with A the symmetric square root of sigma_a (numpy.linalg.eigh),
which shows how far sqrtm itself is from the exact value in each case.

The script also writes symmetric-<n>.csv, a random symmetric matrix with repeated and negative
eigenvalues, and symmetric-<n>-eigenvalues.csv, its eigenvalues from numpy.linalg.eigvalsh.
"""

import os

import numpy as np
from scipy import linalg

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "topogan", "geometry",
                   "frechet")


def frechet_with_sqrtm(a, b):
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    sigma_a, sigma_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root, _ = linalg.sqrtm(sigma_a @ sigma_b, disp=False)
    if not np.isfinite(root).all():
        shift = np.eye(sigma_a.shape[0]) * 1e-6
        root = linalg.sqrtm((sigma_a + shift) @ (sigma_b + shift))
    trace_sqrt = float(np.trace(np.real(root)))
    difference = mu_a - mu_b
    distance = float(difference @ difference + np.trace(sigma_a) + np.trace(sigma_b)
                     - 2 * trace_sqrt)
    return distance, trace_sqrt, sigma_a, sigma_b


def trace_sqrt_by_eigh(sigma_a, sigma_b):
    values, vectors = np.linalg.eigh(sigma_a)
    root_a = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
    inner = root_a @ sigma_b @ root_a
    return float(np.sqrt(np.clip(np.linalg.eigvalsh((inner + inner.T) / 2), 0, None)).sum())


def correlated(rng, n, d, scale, shift):
    mixing = rng.normal(size=(d, d)) * scale / np.sqrt(d)
    return (rng.normal(size=(n, d)) @ mixing + shift).astype(np.float32)


def write_rows(name, rows, digits=9):
    np.savetxt(os.path.join(OUT, name), rows, delimiter=",", fmt="%%.%dg" % digits)


def write_case(name, a, b):
    a = a.astype(np.float32)
    b = b.astype(np.float32)
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    distance, trace_sqrt, sigma_a, sigma_b = frechet_with_sqrtm(a64, b64)
    write_rows(name + "-a.csv", a)
    write_rows(name + "-b.csv", b)
    with open(os.path.join(OUT, name + "-expected.csv"), "w") as out:
        out.write("frechet_distance,%.17g\n" % distance)
        out.write("trace_sqrt,%.17g\n" % trace_sqrt)
        out.write("trace_sqrt_eigh,%.17g\n" % trace_sqrt_by_eigh(sigma_a, sigma_b))
        out.write("trace_a,%.17g\n" % np.trace(sigma_a))
    print(name, "frechet distance", distance)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    d = 64
    # Two different full-rank Gaussians, 200 samples each.
    write_case("gaussian64", correlated(rng, 200, d, 1.0, 0.0),
               correlated(rng, 200, d, 1.5, 0.3))
    # Nearly equal distributions: a small distance next to large traces.
    base = correlated(rng, 300, d, 2.0, 1.0)
    write_case("close64", base[:150], base[150:] + 0.01)
    # Fewer samples than dimensions: both covariances are singular (rank 39 and 49).
    write_case("singular64", correlated(rng, 40, d, 1.0, 0.0), correlated(rng, 50, d, 1.0, 0.5))

    n = 50
    values = np.concatenate([np.full(5, 2.0), np.full(3, -1.0), rng.normal(size=n - 8) * 3])
    basis, _ = np.linalg.qr(rng.normal(size=(n, n)))
    symmetric = (basis * values) @ basis.T
    symmetric = (symmetric + symmetric.T) / 2
    write_rows("symmetric-%d.csv" % n, symmetric, 17)
    write_rows("symmetric-%d-eigenvalues.csv" % n, np.linalg.eigvalsh(symmetric)[:, None], 17)


if __name__ == "__main__":
    main()

"""Write Ripser barcode fixtures and greedy-permutation fixtures for the topology tests.

Run with the system Python (numpy and the Debian `ripser` program 1.2.1 on PATH):

    python3 topology/src/test/python/make_ripser_fixtures.py

For every case it writes the input and the barcodes that `ripser --dim 2 [--threshold T]
--format point-cloud|lower-distance` prints for it into topology/src/test/resources/ripser/,
and lists the cases in cases.tsv. Image clouds are stored as their 0..255 pixel bytes; the
points are bytes / 127.5 - 1 computed in float32, the same scaling as GAN images in [-1, 1].
"""

import gzip
import pathlib
import subprocess
import tempfile

import numpy as np

MODULE = pathlib.Path(__file__).resolve().parents[3]
REPOSITORY = MODULE.parent
OUT = MODULE / "src" / "test" / "resources" / "ripser"
FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
MNIST_DIR = REPOSITORY / "data" / "mnist"


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    count = int.from_bytes(data[4:8], "big")
    rows = int.from_bytes(data[8:12], "big")
    cols = int.from_bytes(data[12:16], "big")
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)


def scale_bytes(images):
    return images.astype(np.float32) / np.float32(127.5) - np.float32(1.0)


def float_text(points):
    return "".join(",".join("%.9g" % v for v in row) + "\n" for row in points)


def lower_text(matrix):
    n = matrix.shape[0]
    return "".join(
        ",".join("%.9g" % matrix[i, j] for j in range(i)) + "\n" for i in range(1, n)
    )


def run_ripser(text, fmt, threshold, maxdim):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
        name = f.name
    command = ["ripser", "--dim", str(maxdim), "--format", fmt]
    if threshold is not None:
        command += ["--threshold", "%.9g" % threshold]
    result = subprocess.run(command + [name], capture_output=True, text=True, check=True)
    pathlib.Path(name).unlink()
    return result.stdout


def enclosing_radius(matrix):
    return float(np.min(np.max(matrix, axis=1)))


def euclidean_matrix(points):
    p = points.astype(np.float64)
    return np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))


def cosine_matrix(points):
    p = points.astype(np.float64)
    norms = np.linalg.norm(p, axis=1)
    similarity = (p @ p.T) / np.outer(norms, norms)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    return distance


class Writer:
    def __init__(self):
        self.rows = ["name\tinput\tformat\tmetric\tthreshold\tmaxdim"]

    def case(self, name, input_file, fmt, metric, ripser_text, ripser_format, threshold,
             maxdim=2):
        barcode = run_ripser(ripser_text, ripser_format, threshold, maxdim)
        (OUT / (name + ".barcode.txt")).write_text(barcode)
        shown = "-" if threshold is None else "%.9g" % threshold
        self.rows.append("\t".join([name, input_file, fmt, metric, shown, str(maxdim)]))

    def finish(self):
        (OUT / "cases.tsv").write_text("\n".join(self.rows) + "\n")


def image_cases(writer, rng):
    fashion = read_idx_images(FASHION)
    subsets = {"fashion100": fashion[rng.choice(len(fashion), 100, replace=False)],
               "fashion60": fashion[rng.choice(len(fashion), 60, replace=False)]}
    mnist_files = sorted(MNIST_DIR.glob("*images*idx3*.gz")) if MNIST_DIR.is_dir() else []
    if mnist_files:
        mnist = read_idx_images(mnist_files[0])
        subsets["mnist100"] = mnist[rng.choice(len(mnist), min(100, len(mnist)), replace=False)]
    else:
        print("no MNIST IDX file under", MNIST_DIR, "- skipping the MNIST case")
    for name, images in subsets.items():
        input_file = name + ".bytes.csv"
        (OUT / input_file).write_text(
            "".join(",".join(str(v) for v in row) + "\n" for row in images))
    for name in subsets:
        if name != "fashion60":
            points = scale_bytes(subsets[name])
            writer.case(name, name + ".bytes.csv", "image-bytes", "euclidean",
                        float_text(points), "point-cloud", None)
    points = scale_bytes(subsets["fashion60"])
    radius = enclosing_radius(euclidean_matrix(points))
    writer.case("fashion60_below_radius", "fashion60.bytes.csv", "image-bytes", "euclidean",
                float_text(points), "point-cloud", 0.85 * radius)
    writer.case("fashion60_above_radius", "fashion60.bytes.csv", "image-bytes", "euclidean",
                float_text(points), "point-cloud", 1.3 * radius)
    cosine = cosine_matrix(points).astype(np.float32)
    writer.case("fashion60_cosine", "fashion60.bytes.csv", "image-bytes", "cosine",
                lower_text(cosine), "lower-distance", None)


def synthetic_cases(writer, rng):
    def cloud(name, points, threshold=None, maxdim=2):
        points = np.asarray(points, dtype=np.float32)
        input_file = name + ".csv"
        (OUT / input_file).write_text(float_text(points))
        writer.case(name, input_file, "point-cloud", "euclidean", float_text(points),
                    "point-cloud", threshold, maxdim)

    angles = rng.uniform(0, 2 * np.pi, 80)
    circle = np.c_[np.cos(angles), np.sin(angles)] + rng.normal(0, 0.05, (80, 2))
    cloud("circle_noisy", circle)
    cloud("circle_below_radius", circle, threshold=0.5)

    sphere = rng.normal(size=(100, 3))
    sphere /= np.linalg.norm(sphere, axis=1, keepdims=True)
    cloud("sphere", sphere + rng.normal(0, 0.02, sphere.shape))

    u, v = rng.uniform(0, 2 * np.pi, (2, 120))
    torus = np.c_[(2 + 0.8 * np.cos(v)) * np.cos(u), (2 + 0.8 * np.cos(v)) * np.sin(u),
                  0.8 * np.sin(v)]
    cloud("torus", torus)

    grid = np.array([[x, y, z] for x in range(4) for y in range(4) for z in range(3)])
    cloud("grid_4x4x3", grid)
    cloud("grid_6x6", np.array([[x, y] for x in range(6) for y in range(6)]))

    base = rng.normal(size=(30, 3))
    duplicates = np.r_[base, base[rng.choice(30, 8, replace=False)]]
    cloud("duplicates", duplicates[rng.permutation(len(duplicates))])

    cloud("two_points", [[0.0, 0.0], [3.0, 4.0]])
    cloud("three_points", [[0.0, 0.0], [1.0, 0.0], [0.2, 0.9]])

    random_points = rng.normal(size=(40, 6))
    matrix = euclidean_matrix(random_points).astype(np.float32)
    (OUT / "lower_random.txt").write_text(lower_text(matrix))
    writer.case("lower_random", "lower_random.txt", "lower-distance", "-",
                lower_text(matrix), "lower-distance", None)

    integers = rng.integers(1, 6, size=(25, 25)).astype(np.float32)
    integers = np.tril(integers, -1) + np.tril(integers, -1).T
    (OUT / "lower_integer.txt").write_text(lower_text(integers))
    writer.case("lower_integer", "lower_integer.txt", "lower-distance", "-",
                lower_text(integers), "lower-distance", None, maxdim=3)


def greedy_reference(points, n_perm, metric):
    """Furthest-point sampling as ripser.py's get_greedy_perm and its r_cover."""
    if metric == "cosine":
        distances = cosine_matrix(points)
    else:
        distances = euclidean_matrix(points)
    indices = np.zeros(n_perm, dtype=np.int64)
    lambdas = np.zeros(n_perm)
    ds = distances[0].copy()
    for i in range(1, n_perm):
        idx = int(np.argmax(ds))
        indices[i] = idx
        lambdas[i - 1] = ds[idx]
        ds = np.minimum(ds, distances[idx])
    lambdas[-1] = np.max(ds)
    return indices, lambdas


def greedy_cases(rng):
    rows = ["name\tinput\tformat\tmetric\tn_perm"]
    cases = [("greedy_fashion100", "fashion100.bytes.csv", "image-bytes", "euclidean", 20),
             ("greedy_fashion60_cosine", "fashion60.bytes.csv", "image-bytes", "cosine", 15),
             ("greedy_grid", "grid_4x4x3.csv", "point-cloud", "euclidean", 12),
             ("greedy_torus", "torus.csv", "point-cloud", "euclidean", 40)]
    for name, input_file, fmt, metric, n_perm in cases:
        text = (OUT / input_file).read_text()
        values = np.array([[float(v) for v in line.split(",")] for line in text.split()],
                          dtype=np.float32)
        points = scale_bytes(values.astype(np.uint8)) if fmt == "image-bytes" else values
        indices, lambdas = greedy_reference(points, n_perm, metric)
        (OUT / (name + ".txt")).write_text(
            "indices " + " ".join(str(i) for i in indices) + "\n"
            + "insertion_radii " + " ".join(repr(float(x)) for x in lambdas) + "\n"
            + "covering_radius " + repr(float(lambdas[-1])) + "\n")
        rows.append("\t".join([name, input_file, fmt, metric, str(n_perm)]))
    (OUT / "greedy_cases.tsv").write_text("\n".join(rows) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240611)
    writer = Writer()
    image_cases(writer, rng)
    synthetic_cases(writer, rng)
    writer.finish()
    greedy_cases(rng)


if __name__ == "__main__":
    main()

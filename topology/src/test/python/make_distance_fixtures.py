"""Write diagram-distance and persistent-entropy fixtures for the topology tests.

Run with the system Python (numpy, scipy, GUDHI and POT installed):

    python3 topology/src/test/python/make_distance_fixtures.py

For random pairs of diagrams it records GUDHI's bottleneck distance and
gudhi.wasserstein.wasserstein_distance(order=p, internal_p=inf) for p = 1 and 2, once on the
finite points only (persim's convention) and once on all points (GUDHI matches the points with
infinite death among themselves). For every diagram it records the persistent entropy, base 2,
plain, divided by log2(number of bars), and divided by log2(sum of lengths) as giotto-tda does,
computed with scipy.stats.entropy. Output: topology/src/test/resources/distance/cases.txt.
"""

import pathlib

import gudhi
import gudhi.wasserstein
import numpy as np
import scipy.stats

OUT = pathlib.Path(__file__).resolve().parents[3] / "src" / "test" / "resources" / "distance"


def random_diagram(rng, finite, infinite, scale=1.0):
    births = rng.uniform(0, scale, finite)
    deaths = births + rng.exponential(0.3 * scale, finite)
    essential = np.c_[rng.uniform(0, scale, infinite), np.full(infinite, np.inf)]
    diagram = np.r_[np.c_[births, deaths], essential]
    return diagram[rng.permutation(len(diagram))] if len(diagram) else np.zeros((0, 2))


def finite_part(diagram):
    return diagram[np.isfinite(diagram[:, 1])] if len(diagram) else diagram


def distances(a, b):
    values = {}
    fa, fb = finite_part(a), finite_part(b)
    values["bottleneck"] = gudhi.bottleneck_distance(fa, fb)
    values["bottleneck_match"] = gudhi.bottleneck_distance(a, b)
    for order in (1, 2):
        values["wasserstein%d" % order] = gudhi.wasserstein.wasserstein_distance(
            fa, fb, order=order, internal_p=np.inf)
        values["wasserstein%d_match" % order] = gudhi.wasserstein.wasserstein_distance(
            a, b, order=order, internal_p=np.inf)
    return values


def entropies(diagram):
    lengths = finite_part(diagram)[:, 1] - finite_part(diagram)[:, 0]
    lengths = lengths[lengths > 0]
    if len(lengths) < 2:
        return {"entropy_none": 0.0, "entropy_points": 0.0, "entropy_giotto": 0.0}
    entropy = scipy.stats.entropy(lengths, base=2)
    return {"entropy_none": entropy,
            "entropy_points": entropy / np.log2(len(lengths)),
            "entropy_giotto": entropy / np.log2(lengths.sum())}


def diagram_text(diagram):
    return " ".join("%r %r" % (float(b), float(d)) for b, d in diagram)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    shapes = [(0, 0, 0, 0), (0, 0, 3, 0), (1, 0, 1, 0), (5, 1, 7, 1), (12, 0, 9, 0),
              (30, 1, 25, 1), (40, 2, 40, 2), (60, 0, 55, 0), (8, 1, 8, 2), (20, 0, 20, 0)]
    blocks = []
    for k, (fa, ia, fb, ib) in enumerate(shapes):
        scale = 10.0 if k % 3 == 2 else 1.0
        a = random_diagram(rng, fa, ia, scale)
        b = random_diagram(rng, fb, ib, scale)
        if k == 9:
            b = np.round(a * 4) / 4
            a = np.round(a * 8) / 8
        lines = ["case %d" % k, "a " + diagram_text(a), "b " + diagram_text(b)]
        for key, value in distances(a, b).items():
            lines.append("%s %r" % (key, float(value)))
        for name, diagram in (("a", a), ("b", b)):
            for key, value in entropies(diagram).items():
                lines.append("%s_%s %r" % (key, name, float(value)))
        blocks.append("\n".join(lines))
    (OUT / "cases.txt").write_text("\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()

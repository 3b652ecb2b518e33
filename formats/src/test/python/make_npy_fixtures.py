#!/usr/bin/env python3
"""Write small .npy files with NumPy for NpyTest: each supported dtype in both byte orders,
format versions 2.0 and 3.0, a scalar, an empty array and a Fortran-order array.

Every array contains the values 0, 1, 2, ... (minus 3 for signed and float types, so negative
values appear) in C order, so the Java test recomputes the expected elements from the shape.

Run from any folder with: python3 formats/src/test/python/make_npy_fixtures.py
"""

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "resources" / "npy"


def values(dtype, shape):
    count = int(np.prod(shape))
    data = np.arange(count, dtype=np.int64)
    if np.dtype(dtype).kind in "fi":
        data = data - 3
    if np.dtype(dtype).kind == "f":
        return (data.astype(np.float64) * 0.25).astype(dtype).reshape(shape)
    return data.astype(dtype).reshape(shape)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for dtype in ["<f4", ">f4", "<f8", ">f8", "|u1", "<i4", ">i4", "<i8", ">i8"]:
        name = dtype.replace("<", "le_").replace(">", "be_").replace("|", "")
        np.save(OUT / f"{name}.npy", values(dtype, (2, 3, 4)))

    for version in [(2, 0), (3, 0)]:
        with open(OUT / f"version_{version[0]}_0.npy", "wb") as out:
            np.lib.format.write_array(out, values("<f4", (3, 5)), version=version)

    np.save(OUT / "scalar_f8.npy", np.float64(2.5))
    np.save(OUT / "empty_f4.npy", np.zeros((0, 7), dtype=np.float32))
    np.save(OUT / "fortran_f4.npy", np.asfortranarray(values("<f4", (3, 4))))
    print(f"numpy {np.__version__}: wrote fixtures to {OUT.name}/")


if __name__ == "__main__":
    main()

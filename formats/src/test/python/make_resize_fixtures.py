#!/usr/bin/env python3
"""Write the expected 28x28 -> 32x32 bilinear resizes that BilinearTest compares against.

Oracle: torch.nn.functional.interpolate(mode="bilinear", align_corners=False) on float32, the
operation torchvision's Resize performs on a tensor when upsampling. Inputs are the first four
images of the bundled Fashion-MNIST subset and one synthetic image with a checkerboard, a ramp
and extreme values. Pixels become byte / 255 before the resize, and the output is normalized to
(x - 0.5) / 0.5, as the Java loader does.

Outputs (in src/test/resources/resize/):
    input_uint8.npy      (5, 28, 28) uint8
    expected_float32.npy (5, 32, 32) float32

Run from any folder with: python3 formats/src/test/python/make_resize_fixtures.py
"""

import gzip
import struct
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

MODULE = Path(__file__).resolve().parents[3]
BUNDLED = MODULE.parent / "data" / "fashion-mnist" / "train-images-idx3-ubyte.gz"
OUT = MODULE / "src" / "test" / "resources" / "resize"


def first_images(count):
    raw = gzip.decompress(BUNDLED.read_bytes())
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)
    return data[:count]


def synthetic_image():
    rows, columns = np.indices((28, 28))
    image = np.where((rows // 3 + columns // 3) % 2 == 0, 255, 0).astype(np.uint8)
    image[:, :7] = (np.arange(28) * 9)[:, None].astype(np.uint8)
    image[0, :] = 255
    image[-1, :] = 0
    return image


def main():
    inputs = np.concatenate([first_images(4), synthetic_image()[None]], axis=0)
    unit = torch.from_numpy(inputs.astype(np.float32) / np.float32(255.0))
    resized = F.interpolate(unit[:, None], size=(32, 32), mode="bilinear", align_corners=False)
    expected = ((resized[:, 0] - 0.5) / 0.5).numpy().astype(np.float32)
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "input_uint8.npy", inputs)
    np.save(OUT / "expected_float32.npy", expected)
    print(f"torch {torch.__version__}: wrote {inputs.shape} -> {expected.shape} to {OUT.name}/")


if __name__ == "__main__":
    main()

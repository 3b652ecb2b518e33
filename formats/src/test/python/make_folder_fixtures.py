#!/usr/bin/env python3
"""Write the image files and expected 32x32 crops that ImageFoldersTest compares against.

Oracle: torchvision's Resize(32) followed by CenterCrop(32) on PIL images, which resizes the
shorter side to 32 with PIL's antialiased bilinear filter and cuts the central 32x32 square.
Before the resize each file is opened with PIL and converted as the Java loader converts it:
convert("RGB") for 3 channels, and convert("RGB").convert("L") (ITU-R 601 luma) for 1 channel.
PIL clips 16-bit grey to 0..255 when it converts, so for the 16-bit grey file the expected
values start from the high byte of each sample instead, as the Java loader does.

Outputs (in src/test/resources/folders/):
    images/*.png, images/*.jpg     the inputs: modes, sizes and aspect ratios listed in CASES
    expected_rgb_uint8.npy         (n, 3, 32, 32) uint8, one row per file in sorted name order
    expected_grey_uint8.npy        (n, 1, 32, 32) uint8, same order

Tested with Debian bookworm's python3-pil 9.4.0, python3-torchvision 0.14.1 and numpy 1.24.2.
Run from any folder with: python3 formats/src/test/python/make_folder_fixtures.py
"""

import struct
import zlib
from pathlib import Path

import numpy as np
import PIL
import torchvision
from PIL import Image
from torchvision import transforms

MODULE = Path(__file__).resolve().parents[3]
OUT = MODULE / "src" / "test" / "resources" / "folders"
IMAGES = OUT / "images"

GEOMETRY = transforms.Compose([transforms.Resize(32), transforms.CenterCrop(32)])


def pattern(height, width, channels, seed):
    """Smooth gradients plus a checkerboard and noise, so resizing has edges to average."""
    rows, columns = np.indices((height, width), dtype=np.float64)
    random = np.random.default_rng(seed)
    planes = []
    for c in range(channels):
        ramp = 255 * (rows / max(height - 1, 1) * (c + 1) % 1.0)
        wave = 60 * np.sin(columns / (3.0 + c)) + 30 * np.cos(rows / 5.0)
        checker = np.where((rows // 4 + columns // 4) % 2 == 0, 50.0, -50.0)
        noise = random.normal(0, 20, size=(height, width))
        planes.append(ramp + wave + checker + noise)
    image = np.clip(np.stack(planes, axis=-1), 0, 255).astype(np.uint8)
    image[0, :] = 255
    image[-1, :] = 0
    return image[..., 0] if channels == 1 else image


def write_png16(path, samples):
    """Writes a 16-bit PNG (grey for 2-d, RGB for 3-d samples); PIL cannot write 16-bit RGB."""
    height, width = samples.shape[:2]
    colour_type = 0 if samples.ndim == 2 else 2
    raw = b"".join(b"\x00" + samples[y].astype(">u2").tobytes() for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def wide_samples(height, width, channels, seed):
    eight = pattern(height, width, channels, seed).astype(np.uint16)
    low = np.random.default_rng(seed + 1).integers(0, 256, size=eight.shape, dtype=np.uint16)
    return eight * 256 + low


def write_inputs():
    IMAGES.mkdir(parents=True, exist_ok=True)
    for old in IMAGES.iterdir():
        old.unlink()

    Image.fromarray(pattern(50, 77, 3, 1), "RGB").save(IMAGES / "a_rgb_landscape.png")
    Image.fromarray(pattern(218, 178, 3, 2), "RGB").save(IMAGES / "b_rgb_celeba_size.jpg",
                                                         quality=90)
    Image.fromarray(pattern(45, 45, 1, 3), "L").save(IMAGES / "c_grey_square.png")
    Image.fromarray(pattern(41, 60, 1, 4), "L").save(IMAGES / "d_grey.jpg", quality=85)

    rgba = np.concatenate([pattern(36, 40, 3, 5), pattern(36, 40, 1, 6)[..., None]], axis=-1)
    Image.fromarray(rgba, "RGBA").save(IMAGES / "e_rgba.png")

    palette = Image.fromarray(pattern(40, 50, 3, 7), "RGB").quantize(colors=16)
    palette.info["transparency"] = 3
    palette.save(IMAGES / "f_palette.png", transparency=3)

    write_png16(IMAGES / "g_grey16.png", wide_samples(33, 47, 1, 8))
    write_png16(IMAGES / "h_rgb16.png", wide_samples(39, 35, 3, 9))

    grey_alpha = np.stack([pattern(34, 38, 1, 10), pattern(34, 38, 1, 11)], axis=-1)
    Image.fromarray(grey_alpha, "LA").save(IMAGES / "i_grey_alpha.png")

    Image.fromarray(pattern(12, 20, 3, 12), "RGB").save(IMAGES / "j_small_upscaled.png")
    Image.fromarray(pattern(32, 32, 3, 13), "RGB").save(IMAGES / "k_exact_32.png")
    Image.fromarray(pattern(33, 29, 1, 14) > 127).save(IMAGES / "l_bilevel.png")
    Image.fromarray(pattern(33, 300, 3, 15), "RGB").save(IMAGES / "m_very_wide.jpg", quality=95)
    Image.fromarray(pattern(101, 33, 3, 16), "RGB").save(IMAGES / "n_tall_odd_crop.png")
    Image.fromarray(pattern(70, 90, 3, 17), "RGB").save(IMAGES / "o_progressive_422.jpg",
                                                        quality=75, progressive=True,
                                                        subsampling=1)


def open_as(path, mode):
    """Opens a file and converts it like the Java loader; mode is "RGB" or "L"."""
    image = Image.open(path)
    image.load()
    if image.mode in ("I", "I;16", "I;16B"):
        high_byte = (np.asarray(image, dtype=np.uint32) >> 8).astype(np.uint8)
        image = Image.fromarray(high_byte, "L")
    rgb = image.convert("RGB")
    return rgb if mode == "RGB" else rgb.convert("L")


def expected(files, mode):
    rows = []
    for path in files:
        cropped = np.asarray(GEOMETRY(open_as(path, mode)), dtype=np.uint8)
        assert cropped.shape[:2] == (32, 32), (path.name, cropped.shape)
        rows.append(cropped.reshape(32, 32, -1).transpose(2, 0, 1))
    return np.stack(rows)


def main():
    write_inputs()
    rgb16 = np.asarray(Image.open(IMAGES / "h_rgb16.png").convert("RGB"))
    assert (rgb16 == (wide_samples(39, 35, 3, 9) >> 8)).all(), "PIL keeps the high byte"

    files = sorted(IMAGES.iterdir())
    np.save(OUT / "expected_rgb_uint8.npy", expected(files, "RGB"))
    np.save(OUT / "expected_grey_uint8.npy", expected(files, "L"))
    print(f"PIL {PIL.__version__}, torchvision {torchvision.__version__}:"
          f" wrote {len(files)} images and their crops to {OUT.name}/")


if __name__ == "__main__":
    main()

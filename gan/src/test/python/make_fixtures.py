#!/usr/bin/env python3
"""Write the PyTorch fixtures of the gan module's tests.

For every architecture this builds the reference generator and discriminator with PyTorch,
records their trainable parameter counts for 1 and 3 channels, and, for 3 channels, runs a
forward pass in training mode and one in evaluation mode on fixed inputs.

Weights and inputs are not stored: both sides fill every tensor from the integer hash in
``pattern`` below, so the Java test reproduces them bit for bit. Stored are the tensor names
and shapes in state_dict order, the outputs, and the BatchNorm running statistics after the
training-mode pass.

Run from the repository root with PyTorch installed (tested with torch 1.13):
    python3 gan/src/test/python/make_fixtures.py
Output: gan/src/test/resources/fixtures/, little-endian float32 .bin files and text manifests.
"""
import math
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")
LATENT = 100
BATCH = 4


def lrelu():
    return nn.LeakyReLU(0.2)


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.shape[0], *self.shape)


def build(arch, c):
    n = c * 32 * 32
    if arch == "gan":
        g = nn.Sequential(nn.Linear(LATENT, 128), lrelu(), nn.Linear(128, 256), lrelu(),
                          nn.Linear(256, 512), lrelu(), nn.Linear(512, n), nn.Tanh())
        d = nn.Sequential(nn.Linear(n, 512), lrelu(), nn.Linear(512, 256), lrelu(),
                          nn.Linear(256, 1), nn.Sigmoid())
    elif arch == "dcgan":
        g = nn.Sequential(
            nn.Linear(LATENT, 512 * 4 * 4), lrelu(), Reshape(512, 4, 4),
            nn.ConvTranspose2d(512, 256, 4, 2, 1), nn.BatchNorm2d(256), lrelu(),
            nn.ConvTranspose2d(256, 128, 4, 2, 1), nn.BatchNorm2d(128), lrelu(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), lrelu(),
            nn.Conv2d(64, c, 3, 1, 1), nn.Tanh())
        d = nn.Sequential(
            nn.Conv2d(c, 64, 4, 2, 1), lrelu(),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), lrelu(),
            nn.Conv2d(128, 256, 4, 2, 1), nn.BatchNorm2d(256), lrelu(),
            nn.Conv2d(256, 512, 4, 2, 1), nn.BatchNorm2d(512), lrelu(),
            nn.Flatten(), nn.Linear(2048, 1), nn.Sigmoid())
    elif arch == "wgan_gp_linear":
        g = nn.Sequential(
            nn.Linear(LATENT, 128), lrelu(),
            nn.Linear(128, 256), nn.BatchNorm1d(256, 0.8), lrelu(),
            nn.Linear(256, 512), nn.BatchNorm1d(512, 0.8), lrelu(),
            nn.Linear(512, 1024), nn.BatchNorm1d(1024, 0.8), lrelu(),
            nn.Linear(1024, n), nn.Tanh())
        d = nn.Sequential(nn.Linear(n, 512), lrelu(), nn.Linear(512, 256), lrelu(),
                          nn.Linear(256, 1))
    elif arch == "wgan_gp_conv":
        g = nn.Sequential(
            nn.Linear(LATENT, 128 * 8 * 8), Reshape(128, 8, 8), nn.BatchNorm2d(128),
            nn.Upsample(scale_factor=2),
            nn.Conv2d(128, 128, 3, 1, 1), nn.BatchNorm2d(128, 0.8), lrelu(),
            nn.Upsample(scale_factor=2),
            nn.Conv2d(128, 64, 3, 1, 1), nn.BatchNorm2d(64, 0.8), lrelu(),
            nn.Conv2d(64, c, 3, 1, 1), nn.Tanh())
        d = nn.Sequential(
            nn.Conv2d(c, 64, 3, 2, 1), lrelu(),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), lrelu(),
            nn.Conv2d(128, 256, 3, 2, 1), nn.BatchNorm2d(256), lrelu(),
            nn.Conv2d(256, 512, 3, 2, 1), nn.BatchNorm2d(512), lrelu(),
            nn.Flatten(), nn.Linear(2048, 1))
    else:
        raise ValueError(arch)
    return g, d


def pattern(tensor_index, count):
    """Uniform values in [-1, 1): a 32-bit integer hash of (tensor index, element index)."""
    j = np.arange(count, dtype=np.uint64)
    x = (j * np.uint64(2654435761) + np.uint64(40503 * (tensor_index + 1))) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(13)
    x = (x * np.uint64(0x5BD1E995)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(15)
    return x.astype(np.float64) / 2.0 ** 31 - 1.0


def fill(name, tensor, index):
    """Fill a tensor from the pattern, with the offset and scale of its kind.

    The Java test applies the same rule to the DJL parameter of the same kind and position.
    """
    values = pattern(index, tensor.numel())
    kind = KINDS[name]
    if kind == "gamma":
        values = 1.0 + 0.2 * values
    elif kind in ("beta", "running_mean"):
        values = 0.1 * values
    elif kind == "running_var":
        values = 1.0 + 0.5 * values
    else:
        # Linear and convolution weights and biases: PyTorch's default bound 1/sqrt(fan_in).
        values = values / math.sqrt(FAN_IN[name])
    tensor.copy_(torch.from_numpy(values.astype(np.float32)).view_as(tensor))


def write(name, array):
    np.asarray(array, dtype="<f4").tofile(os.path.join(OUT, name))


FAN_IN = {}
KINDS = {}


def prepare(model):
    """Record the kind of every state tensor and the fan_in of weights and biases."""
    FAN_IN.clear()
    KINDS.clear()
    for module_name, module in model.named_modules():
        prefix = module_name + "."
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            KINDS[prefix + "weight"] = "gamma"
            KINDS[prefix + "bias"] = "beta"
            KINDS[prefix + "running_mean"] = "running_mean"
            KINDS[prefix + "running_var"] = "running_var"
        elif isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            w = module.weight
            fan_in = w.shape[1] * int(np.prod(w.shape[2:]))
            for suffix in ("weight", "bias"):
                KINDS[prefix + suffix] = suffix
                FAN_IN[prefix + suffix] = fan_in


def fill_model(model):
    prepare(model)
    names = []
    with torch.no_grad():
        index = 0
        for name, tensor in model.state_dict().items():
            if name.endswith("num_batches_tracked"):
                continue
            fill(name, tensor, index)
            names.append((name, tuple(tensor.shape)))
            index += 1
    return names


def running_stats(model):
    values = [t.detach().numpy().ravel() for n, t in model.state_dict().items()
              if n.endswith("running_mean") or n.endswith("running_var")]
    return np.concatenate(values) if values else np.zeros(0, dtype=np.float32)


def count(model):
    return sum(p.numel() for p in model.parameters())


def main():
    os.makedirs(OUT, exist_ok=True)
    architectures = ["gan", "dcgan", "wgan_gp_linear", "wgan_gp_conv"]

    with open(os.path.join(OUT, "parameter_counts.txt"), "w") as counts:
        counts.write("# architecture channels generator_parameters discriminator_parameters\n")
        for arch in architectures:
            for c in (1, 3):
                g, d = build(arch, c)
                counts.write(f"{arch} {c} {count(g)} {count(d)}\n")

    c = 3
    for arch in architectures:
        g, d = build(arch, c)
        with open(os.path.join(OUT, f"{arch}_c{c}_manifest.txt"), "w") as manifest:
            manifest.write("# network tensor shape, in state_dict order\n")
            for network, model in (("generator", g), ("discriminator", d)):
                for name, shape in fill_model(model):
                    manifest.write(f"{network} {name} {','.join(map(str, shape))}\n")

        noise = torch.from_numpy(1.5 * pattern(1000, BATCH * LATENT)).float().view(BATCH, LATENT)
        images = torch.from_numpy(pattern(1001, BATCH * c * 32 * 32)).float()
        if arch in ("dcgan", "wgan_gp_conv"):
            images = images.view(BATCH, c, 32, 32)
        else:
            images = images.view(BATCH, c * 32 * 32)

        with torch.no_grad():
            for network, model, x in (("generator", g, noise), ("discriminator", d, images)):
                model.train()
                write(f"{arch}_c{c}_{network}_train.bin", model(x).numpy())
                write(f"{arch}_c{c}_{network}_running.bin", running_stats(model))
                model.eval()
                write(f"{arch}_c{c}_{network}_eval.bin", model(x).numpy())


if __name__ == "__main__":
    main()

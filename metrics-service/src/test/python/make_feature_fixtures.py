"""Write the small TorchScript feature model and the expected values of the FID analyzer tests.

Run from the module folder with Debian's python3-torch (1.13), python3-numpy and python3-scipy:

    /usr/bin/python3 src/test/python/make_feature_fixtures.py

Writes to src/test/resources/fid/:
  tiny-features.pt       a TorchScript conv net with seeded weights whose forward(img,
                         return_features=False) takes (n, 3, 20, 20) float32 in 0..255, the
                         input contract of the Inception TorchScript file, and returns 16
                         features when return_features is true (10 logits otherwise)
  inputs.npy             3 grey images (3, 1, 32, 32) float32 in [-1, 1]
  expected-features.npy  (3, 16): the model's features of those images after the analyzer's
                         preprocessing, computed here with PyTorch: (x + 1) * 127.5, grey
                         repeated to 3 channels, bilinear resize to 20x20 (align_corners=False)
  real.npy, fake.npy     synthetic image sets (40 and 30 images, 1 channel, 32x32)
  expected-frechet.csv   name,value lines: the Fréchet distance of the two sets' features with
                         numpy.cov and scipy.linalg.sqrtm, and the feature dimension
"""

import os

import numpy as np
import torch
import torch.nn.functional as F
from scipy import linalg
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fid")


class TinyFeatures(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, stride=2)
        self.fc = nn.Linear(4 * 9 * 9, 16)
        self.head = nn.Linear(16, 10)

    def forward(self, img: torch.Tensor, return_features: bool = False) -> torch.Tensor:
        x = img / 127.5 - 1
        x = torch.tanh(self.conv(x))
        features = torch.tanh(self.fc(torch.flatten(x, 1)))
        if return_features:
            return features
        return self.head(features)


def preprocess(images):
    x = torch.from_numpy(images)
    x = (x + 1) * 127.5
    x = x.repeat(1, 3, 1, 1)
    return F.interpolate(x, size=(20, 20), mode="bilinear", align_corners=False)


def frechet(a, b):
    a, b = a.astype(np.float64), b.astype(np.float64)
    sigma_a, sigma_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = np.real(linalg.sqrtm(sigma_a @ sigma_b))
    difference = a.mean(axis=0) - b.mean(axis=0)
    return float(difference @ difference + np.trace(sigma_a) + np.trace(sigma_b)
                 - 2 * np.trace(root))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(3)
    model = TinyFeatures().eval()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(OUT, "tiny-features.pt"))

    rng = np.random.default_rng(9)
    inputs = np.clip(rng.normal(scale=0.6, size=(3, 1, 32, 32)), -1, 1).astype(np.float32)
    np.save(os.path.join(OUT, "inputs.npy"), inputs)
    with torch.no_grad():
        features = scripted(preprocess(inputs), True).numpy()
    np.save(os.path.join(OUT, "expected-features.npy"), features.astype(np.float32))

    grid = np.linspace(-1, 1, 32, dtype=np.float32)
    ramp = np.add.outer(grid, grid)[None, None] / 2
    real = np.clip(ramp * rng.uniform(0.2, 1, size=(40, 1, 1, 1))
                   + rng.normal(scale=0.3, size=(40, 1, 32, 32)), -1, 1).astype(np.float32)
    fake = np.clip(rng.normal(scale=0.5, size=(30, 1, 32, 32)), -1, 1).astype(np.float32)
    np.save(os.path.join(OUT, "real.npy"), real)
    np.save(os.path.join(OUT, "fake.npy"), fake)
    with torch.no_grad():
        real_features = scripted(preprocess(real), True).numpy()
        fake_features = scripted(preprocess(fake), True).numpy()
    distance = frechet(real_features, fake_features)
    with open(os.path.join(OUT, "expected-frechet.csv"), "w") as out:
        out.write("frechet_distance,%.17g\n" % distance)
        out.write("feature_dim,%d\n" % real_features.shape[1])
    print("tiny model: features", features.shape, "Fréchet distance", distance)


if __name__ == "__main__":
    main()

"""Train the LeNet-style classifiers behind the fd_lenet fallback of the FID analyzer.

Run from the module folder with Debian's python3-torch (1.13) and python3-numpy:

    /usr/bin/python3 src/main/python/train_fallback_classifier.py FASHION_DIR MNIST_DIR

FASHION_DIR holds the full Fashion-MNIST IDX files (Debian's dataset-fashion-mnist package
installs them; `dpkg -L dataset-fashion-mnist` shows the folder), MNIST_DIR the 2000-image MNIST
subset of the repository's data/mnist. Each dataset's train-images/train-labels files are split
into a training and a held-out test part, unless t10k-* files exist, which then serve as the test
set. The script prints the test accuracy of each classifier and writes
src/main/resources/fid/lenet-<dataset>.pt, a TorchScript module whose forward(x) maps images of
shape (n, 1, 32, 32), float32 in [-1, 1], to the 84 activations (after ReLU) of the layer before
the classifier output.

Images are prepared as the trainer prepares real images: byte / 255, bilinear resize from 28x28
to 32x32 without antialiasing (align_corners=False), then (x - 0.5) / 0.5. Training is seeded and
runs on the CPU in one thread, so a rerun gives the same file on the same PyTorch build.
"""

import gzip
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fid")
SEED = 1234


class LeNet(nn.Module):
    """LeNet-5 layout for 32x32 grey images; features() is the 84-d penultimate layer."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def features(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return F.relu(self.fc2(x))

    def forward(self, x):
        return self.fc3(self.features(x))


class FeatureModule(nn.Module):
    """The exported module: forward returns the penultimate features."""

    def __init__(self, classifier):
        super().__init__()
        self.classifier = classifier

    def forward(self, x):
        return self.classifier.features(x)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        data = stream.read()
    dimensions = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def find(folder, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    return None


def prepare(images):
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    x = F.interpolate(x, size=(32, 32), mode="bilinear", align_corners=False)
    return (x - 0.5) / 0.5


def load(folder):
    train_x = read_idx(find(folder, "train-images-idx3-ubyte"))
    train_y = read_idx(find(folder, "train-labels-idx1-ubyte"))
    test_images = find(folder, "t10k-images-idx3-ubyte")
    if test_images:
        test_x = read_idx(test_images)
        test_y = read_idx(find(folder, "t10k-labels-idx1-ubyte"))
    else:
        permutation = np.random.default_rng(SEED).permutation(len(train_x))
        held_out = len(train_x) // 5
        test_x, test_y = train_x[permutation[:held_out]], train_y[permutation[:held_out]]
        train_x, train_y = train_x[permutation[held_out:]], train_y[permutation[held_out:]]
    return (prepare(train_x), torch.from_numpy(train_y.astype(np.int64)),
            prepare(test_x), torch.from_numpy(test_y.astype(np.int64)))


def train(name, folder, epochs):
    torch.manual_seed(SEED)
    train_x, train_y, test_x, test_y = load(folder)
    model = LeNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(SEED)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(test_x).argmax(dim=1) == test_y).float().mean().item()
    print("%s: %d training images, %d epochs, test accuracy %.4f on %d images"
          % (name, len(train_x), epochs, accuracy, len(test_x)))
    exported = FeatureModule(model).eval()
    for parameter in exported.parameters():
        parameter.requires_grad_(False)
    path = os.path.join(OUT, "lenet-%s.pt" % name)
    torch.jit.script(exported).save(path)
    print("wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: train_fallback_classifier.py FASHION_DIR MNIST_DIR")
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    train("fashion-mnist", sys.argv[1], epochs=3)
    train("mnist", sys.argv[2], epochs=15)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measure the seconds of one DCGAN training step in PyTorch, for comparison with DJL.

The step is the one GanTraining runs for dcgan. The discriminator is updated with BCE on a real
and a generated batch, then the generator on the same generated batch. Each update ends with an
Adam step (lr 2e-4, betas 0.5 and 0.999), and both losses are read back as Python floats. The networks
come from make_fixtures.py, so both sides train the same layers. Weights keep PyTorch's default
initialization, which does not change the amount of work.

Usage, from the repository root (tested with torch 1.13 on the CPU):
    python3 gan/src/test/python/bench_training_step.py CHANNELS BATCH WARMUP_STEPS STEPS
It prints one line with the mean and the median seconds per step over the measured steps.
"""
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import build  # noqa: E402

THREADS = 2
LATENT = 100


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: bench_training_step.py CHANNELS BATCH WARMUP_STEPS STEPS")
    channels, batch, warmup, steps = (int(value) for value in sys.argv[1:])
    if warmup < 1 or steps < 1:
        # A step's time is the difference of two finish times, so step 0 cannot be timed.
        sys.exit("WARMUP_STEPS and STEPS must be at least 1")
    torch.set_num_threads(THREADS)
    torch.manual_seed(1)

    generator, discriminator = build("dcgan", channels)
    generator.train()
    discriminator.train()
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    images = torch.rand(warmup + steps, batch, channels, 32, 32) * 2 - 1
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)

    finish_times = []
    start = time.perf_counter()
    for step in range(warmup + steps):
        real = images[step]
        latent = torch.randn(batch, LATENT)

        optimizer_d.zero_grad()
        fake = generator(latent)
        loss_d = bce(discriminator(real), ones) + bce(discriminator(fake.detach()), zeros)
        loss_d.backward()
        optimizer_d.step()

        optimizer_g.zero_grad()
        loss_g = bce(discriminator(fake), ones)
        loss_g.backward()
        optimizer_g.step()

        loss_d.item()
        loss_g.item()
        finish_times.append(time.perf_counter() - start)

    seconds = [finish_times[warmup + i] - finish_times[warmup + i - 1] for i in range(steps)]
    print("torch %s dcgan channels=%d batch=%d threads=%d warmup=%d steps=%d"
          " mean_s=%.4f median_s=%.4f"
          % (torch.__version__, channels, batch, torch.get_num_threads(), warmup, steps,
             statistics.mean(seconds), statistics.median(seconds)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write a tiny TorchScript feature model with the forward signature of inception-2015-12-05.pt.

forward(images, return_features) takes (n, 3, 299, 299) values in 0..255 and returns (n, 3):
the mean of each channel. FidCommandTest uses it to check image input without the 100 MB
Inception file. Written with Debian bookworm's python3-torch 1.13.

Output: src/test/resources/fid/channel-means.pt
Run from any folder with: python3 cli/src/test/python/make_fid_test_model.py
"""

from pathlib import Path

import torch

OUT = Path(__file__).resolve().parents[2] / "test" / "resources" / "fid" / "channel-means.pt"


class ChannelMeans(torch.nn.Module):
    def forward(self, images: torch.Tensor, return_features: bool) -> torch.Tensor:
        return images.mean(dim=(2, 3))


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    torch.jit.script(ChannelMeans()).save(str(OUT))
    print(f"torch {torch.__version__}: wrote {OUT.name}")


if __name__ == "__main__":
    main()

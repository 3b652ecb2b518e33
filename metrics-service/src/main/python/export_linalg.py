"""Script the linear-algebra modules that metrics-service runs with libtorch through DJL.

    /usr/bin/python3 src/main/python/export_linalg.py src/main/resources/linalg

Writes gaussian.pt, congruence.pt and trace_sqrt.pt (TorchScript, saved with Debian's
python3-torch 1.13 and loaded by libtorch 2.7.1). Everything is computed in float64, as numpy.cov and scipy do, so that
the distance agrees with the pure-Java FrechetDistance and with scipy to rounding (the tests
check 1e-6 relative).
"""

import os
import sys

import torch


class Gaussian(torch.nn.Module):
    """Mean and sample covariance (n - 1 denominator) of float32 feature rows, in float64."""

    def forward(self, features: torch.Tensor):
        x = features.to(torch.float64)
        mean = x.mean(dim=0)
        centred = x - mean
        covariance = centred.t().matmul(centred) / (x.shape[0] - 1)
        return mean, covariance


class Congruence(torch.nn.Module):
    """First step of the Fréchet distance of two Gaussians,
    ||mu1 - mu2||^2 + Tr(S1) + Tr(S2) - 2 Tr((S1 S2)^(1/2)).

    With S1 = L L^T, the eigenvalues of S1 S2 are those of the symmetric C = L^T S2 L. L is the
    Cholesky factor of S1, or, when S1 is singular and the factorisation fails,
    V diag(sqrt(max(0, w))) from its eigenpairs. Returns C and the terms without the square
    root, ||mu1 - mu2||^2 + Tr(S1) + Tr(S2).
    """

    def forward(self, mu1: torch.Tensor, sigma1: torch.Tensor, mu2: torch.Tensor,
                sigma2: torch.Tensor):
        difference = mu1 - mu2
        factor, info = torch.linalg.cholesky_ex(sigma1)
        if int(info.item()) != 0:
            values, vectors = torch.linalg.eigh(sigma1)
            factor = vectors * values.clamp(min=0.0).sqrt()
        congruence = factor.t().matmul(sigma2.matmul(factor))
        congruence = (congruence + congruence.t()) * 0.5
        other_terms = difference.dot(difference) + sigma1.trace() + sigma2.trace()
        return congruence, other_terms


class TraceSqrt(torch.nn.Module):
    """Tr(C^(1/2)) = sum of sqrt(max(0, eigvalsh(C))) for a symmetric positive semi-definite C.

    A separate module, so that the caller can run LAPACK's eigenvalue routine on one thread
    while the matrix products of Congruence use all of them.
    """

    def forward(self, congruence: torch.Tensor):
        return torch.linalg.eigvalsh(congruence).clamp(min=0.0).sqrt().sum()


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    torch.jit.script(Gaussian()).save(os.path.join(folder, "gaussian.pt"))
    torch.jit.script(Congruence()).save(os.path.join(folder, "congruence.pt"))
    torch.jit.script(TraceSqrt()).save(os.path.join(folder, "trace_sqrt.pt"))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The same measurement as bench/bigstep_bench.cpp, written as a researcher would in PyTorch (CPU,
float64, one thread): plain gradient descent by autograd from the same samples and initial weights
(so both follow the same trajectory), and the sharpness by power iteration on
torch.autograd.functional.hvp at Flowlab's final weights (so both measure the same Hessian).
usage: bigstep_torch.py DIR [epochs]"""
import sys
import time

import numpy as np
import torch
from torch.autograd.functional import hvp


def load(d, name):
    return torch.tensor(np.loadtxt(f"{d}/{name}", delimiter=",", ndmin=2), dtype=torch.float64)


def weights(d, tag):
    W = load(d, f"{tag}W.csv")                 # K by d
    b = load(d, f"{tag}b.csv").reshape(-1)     # K
    A = load(d, f"{tag}A.csv")                 # K by d (rows a_k)
    V = load(d, f"{tag}V.csv")                 # d by d (rows: columns of V)
    c = load(d, f"{tag}c.csv").reshape(-1)     # d
    return [W, b, A, V, c]


def main():
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    lr = 0.05
    torch.set_num_threads(1)
    Y, T = load(d, "samples.csv"), load(d, "targets.csv")  # S by d
    S = Y.shape[0]

    def loss(W, b, A, V, c):
        R = torch.relu(Y @ W.T + b) @ A + Y @ V + c - T
        return R.square().sum() / S

    params = [p.clone().requires_grad_() for p in weights(d, "init_")]
    t0 = time.perf_counter()
    for _ in range(epochs):
        f = loss(*params)
        grads = torch.autograd.grad(f, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= lr * g
    epoch_secs = time.perf_counter() - t0
    final = weights(d, "final_")
    drift = max((p.detach() - q).abs().max().item() for p, q in zip(params, final))

    def power(iterations):
        gen = torch.Generator().manual_seed(1)
        v = [torch.randn(p.shape, generator=gen, dtype=torch.float64) for p in final]
        norm = torch.sqrt(sum((x * x).sum() for x in v))
        v = [x / norm for x in v]
        mu = 0.0
        for _ in range(iterations):
            _, Hv = hvp(loss, tuple(final), tuple(v))
            mu = sum((x * y).sum() for x, y in zip(v, Hv)).item()
            norm = torch.sqrt(sum((x * x).sum() for x in Hv))
            v = [x / norm for x in Hv]
        return mu

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        mu = power(200)
        runs.append((time.perf_counter() - t0) / 200)
    runs.sort()
    print(f"pytorch {torch.__version__}: gd {epochs} epochs in {epoch_secs:.3f} s, {epoch_secs / epochs * 1e6:.2f} us/epoch "
          f"(largest weight difference from Flowlab's at the end {drift:.2g}); "
          f"torch.autograd.functional.hvp {runs[1] * 1e6:.2f} us (median of 3 x 200); sharpness {mu:.6g}")


if __name__ == "__main__":
    main()

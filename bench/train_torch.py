#!/usr/bin/python3
"""The same training as bench/train_bench.cpp, written as a researcher would in
PyTorch (CPU, float64, autograd, torch.optim.Adam): P1's augmented Lagrangian
on the obtuse triangle, from the samples and initial weights train_bench
dumped, so both runs follow the same trajectory.
usage: train_torch.py DIR [epochs]"""
import sys
import time

import numpy as np
import torch


def load(d, name):
    return torch.tensor(np.loadtxt(f"{d}/{name}", delimiter=",", ndmin=2), dtype=torch.float64)


def main():
    d = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    torch.set_num_threads(1)
    Y, T = load(d, "samples.csv"), load(d, "targets.csv")          # S by d
    W = load(d, "W.csv").requires_grad_()                            # K by d
    b = load(d, "b.csv").reshape(-1).requires_grad_()                 # K
    A = load(d, "A.csv").requires_grad_()                             # K by d (rows a_k)
    V = load(d, "V.csv").requires_grad_()                             # d by d (rows: columns of V)
    c = load(d, "c.csv").reshape(-1).requires_grad_()                 # d
    S = Y.shape[0]
    L = torch.zeros_like(Y)
    mu, lr = 1000.0, 3e-3
    opt = torch.optim.Adam([W, b, A, V, c], lr=lr, betas=(0.9, 0.999), eps=1e-12)
    closed = 5.0  # P2's closed form for this triangle at rho = 0.1: two ramps of cost 2/(1 - 0.2)
    reached = {0.03: -1, 0.01: -1}
    t0 = time.perf_counter()
    for epoch in range(1, epochs + 1):
        opt.zero_grad()
        R = torch.relu(Y @ W.T + b) @ A + Y @ V + c - T             # residuals, S by d
        f = 0.5 * (A.square().sum() + W.square().sum()) + ((L * R).sum() + 0.5 * mu * R.square().sum()) / S
        f.backward()
        with torch.no_grad():  # the same report as Flowlab's: the cost and interpolation before this step
            cost = (A.norm(dim=1) * W.norm(dim=1)).sum().item()
            interp = R.norm(dim=1).max().item()
            for tol in reached:
                if reached[tol] < 0 and cost <= (1 + tol) * closed and interp < 5e-3:
                    reached[tol] = epoch - 1
        opt.step()
        if epoch % 200 == 0:
            with torch.no_grad():
                L += mu * R
            mu = min(mu * 1.5, 1e7)
    secs = time.perf_counter() - t0
    with torch.no_grad():
        R = torch.relu(Y @ W.T + b) @ A + Y @ V + c - T
        cost = (A.norm(dim=1) * W.norm(dim=1)).sum().item()
        interp = R.norm(dim=1).max().item()
    print(f"pytorch {torch.__version__}: {epochs} epochs in {secs:.3f} s, {secs / epochs * 1e6:.1f} us/epoch; "
          f"first within 3% / 1% of the closed-form cost at epoch {reached[0.03]} / {reached[0.01]}; "
          f"final cost {cost:.4f}, interpolation {interp:.2g}")


if __name__ == "__main__":
    main()

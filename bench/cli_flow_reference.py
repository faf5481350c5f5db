#!/usr/bin/python3
"""Issue 14's flow as a researcher would write it, in NumPy (OpenBLAS) and in
PyTorch (CPU, float64, every thread): the closed-form min-norm denoiser
h(y) = sum_n v_n clamp((v_n.y - rho) l_n / (l_n - 2 rho), 0, l_n), rho = sqrt(d) sigma,
on the data of data.csv (orthogonal points at lengths l_n, apex 0), the probability
flow dy/dsigma = (y - h(y))/sigma by Heun on a geometric grid of K steps from
sigma_max to sigma_min, for the particles of points.csv. Prints the median time of
the flow alone (not reading the files or starting up), and writes the endpoints.
usage: cli_flow_reference.py numpy|torch DATA POINTS SIGMA_MAX SIGMA_MIN K REPEATS OUT"""
import os
import sys
import time

import numpy as np

from numpy_reference import heun_pf  # the same Heun steps as the experiment's NumPy reference


def main():
    kind, data, points = sys.argv[1], sys.argv[2], sys.argv[3]
    smax, smin, k, repeats, out = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    X = np.loadtxt(data, delimiter=",", ndmin=2)           # N by d
    P = np.loadtxt(points, delimiter=",", ndmin=2)         # M by d
    lengths = np.linalg.norm(X, axis=1)
    V = X.T / lengths                                      # d by N: unit directions
    grid = smax * (smin / smax) ** (np.arange(k + 1) / k)
    grid[0], grid[-1] = smax, smin
    alpha = np.sqrt(X.shape[1])
    if kind == "torch":
        import torch
        torch.set_num_threads(os.cpu_count())
        V, lengths, P = (torch.tensor(a, dtype=torch.float64) for a in (V, lengths, P))

        def h(Y, s):
            rho = alpha * s
            z = (Y @ V - rho) * (lengths / (lengths - 2 * rho))
            return (torch.relu(z) - torch.relu(z - lengths)) @ V.T   # clamp(z, 0, l) as two ReLUs

        label = f"torch {torch.__version__} ({torch.get_num_threads()} threads)"
    else:
        def h(Y, s):
            rho = alpha * s
            return np.clip((Y @ V - rho) * (lengths / (lengths - 2 * rho)), 0.0, lengths) @ V.T

        label = f"numpy {np.__version__}"
    times = []
    for _ in range(repeats):
        Y = P.clone() if kind == "torch" else P.copy()
        t0 = time.perf_counter()
        Y = heun_pf(Y, h, grid)
        times.append(time.perf_counter() - t0)
    Y = Y.numpy() if kind == "torch" else Y
    np.savetxt(out, Y, delimiter=",", fmt="%.17g")
    print(f"{label}: the flow alone, median {sorted(times)[len(times) // 2]:.4f} s of {repeats}")


if __name__ == "__main__":
    main()

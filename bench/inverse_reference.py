#!/usr/bin/python3
"""Issue 16's sampler as a researcher would write it in NumPy (OpenBLAS, every thread): diffusion
posterior sampling (DPS) with the empirical MMSE denoiser h(x) = sum_n w_n(x) x_n, its Jacobian
J = Cov_w(x) / sigma^2 (analytic), the probability flow by Heun on the EDM grid, and after each step
x += 2 zeta J^T A^T (y - A h(x)) at the step's start: the same algorithm as `flowlab inverse
--method dps --denoiser emmse`. Prints the median time of the sampling alone (not reading files or
starting up) per sample, and writes the samples.
usage: inverse_reference.py DATA A Y NOISE SAMPLES SIGMA_MAX SIGMA_MIN K ZETA REPEATS OUT"""
import sys
import time

import numpy as np


def mmse(x, X, X2, s):
    logits = -(np.sum(x * x, axis=1, keepdims=True) - 2 * x @ X.T + X2) / (2 * s * s)
    logits -= logits.max(axis=1, keepdims=True)
    w = np.exp(logits)
    w /= w.sum(axis=1, keepdims=True)
    return w, w @ X


def dps(X, A, y, zeta, x, grid):
    X2 = np.sum(X * X, axis=1)[None, :]
    for s, sn in zip(grid[:-1], grid[1:]):
        w, h = mmse(x, X, X2, s)
        v = (y[None, :] - h @ A.T) @ A                    # A^T (y - A h), one row per sample
        g = ((w * (v @ X.T)) @ X - h * np.sum(h * v, axis=1, keepdims=True)) / (s * s)
        xe = x + (sn - s) / s * (x - h)
        _, h2 = mmse(xe, X, X2, sn)
        x = x + (sn - s) * 0.5 * ((x - h) / s + (xe - h2) / sn) + 2 * zeta * g
    return x


def main():
    data, a_file, y_file = sys.argv[1], sys.argv[2], sys.argv[3]
    noise, samples, smax, smin, k, zeta, repeats, out = (float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]),
                                                         float(sys.argv[7]), int(sys.argv[8]), float(sys.argv[9]),
                                                         int(sys.argv[10]), sys.argv[11])
    del noise  # DPS with a fixed zeta does not use it
    X = np.loadtxt(data, delimiter=",", ndmin=2)
    A = np.loadtxt(a_file, delimiter=",", ndmin=2)
    y = np.loadtxt(y_file, delimiter=",", ndmin=1)
    i = np.arange(k + 1) / k
    grid = (smax ** (1 / 7) + i * (smin ** (1 / 7) - smax ** (1 / 7))) ** 7
    grid[0], grid[-1] = smax, smin
    start = X.mean(axis=0) + smax * np.random.default_rng(1).standard_normal((samples, X.shape[1]))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        x = dps(X, A, y, zeta, start.copy(), grid)
        times.append(time.perf_counter() - t0)
    t = sorted(times)[len(times) // 2]
    print(f"NumPy DPS (MMSE): median {t:.4f} s for {samples} samples, {t / samples * 1e6:.1f} us a sample")
    np.savetxt(out, x, delimiter=",", fmt="%.17g")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The digits experiment's empirical-MMSE row as a researcher would write it in NumPy: P samples
from Gaussian noise (sigma 3 about the images' mean) down the probability flow to 0.01 (Heun, EDM
grid, 100 steps, as `flowlab experiment digits`), then Gu et al.'s ratio to the training images.
Prints the median wall time of flow and classification together, and the share memorized.
usage: digits_reference.py DATA.csv P [repeats]"""
import sys
import time

import numpy as np

from numpy_reference import edm_grid, emmse, heun_pf


def memorized(X, Y, ratio=1 / 3):
    d2 = (Y * Y).sum(1)[:, None] - 2 * Y @ X.T + (X * X).sum(1)[None, :]
    two = np.partition(np.maximum(d2, 0), 1, axis=1)[:, :2]
    return np.mean(np.sqrt(two[:, 0] / two[:, 1]) < ratio)


def main():
    X = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
    P = int(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rng = np.random.default_rng(1)
    grid = edm_grid(3.0, 0.01, 100)
    times, share = [], 0.0
    for _ in range(repeats):
        Y = X.mean(0) + 3.0 * rng.standard_normal((P, X.shape[1]))
        start = time.perf_counter()
        Y = heun_pf(Y, lambda y, s: emmse(y, s, X), grid)
        share = memorized(X, Y)
        times.append(time.perf_counter() - start)
    print(f"numpy digits emmse: N = {X.shape[0]}, P = {P}: median {np.median(times):.4f} s, memorized {share:.3f}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""P1's experiment as a researcher would write it in NumPy: orthogonal data
x_n = e_n (N = d), M particles uniform in the hyperbox, the probability flow
dy/dsigma = -(h_sigma(y) - y)/sigma on the EDM grid with Heun, and the
classification of the endpoints. The same algorithm as Flowlab's
(`flowlab experiment orthogonal`): the closed-form min-norm denoiser
(one ramp per axis, rho = sqrt(d) sigma) or the empirical MMSE denoiser.
Prints the wall time of the flow (not the start-up) and the class fractions.
usage: numpy_reference.py [minnorm|emmse|decoupled] [N] [M] [K] [repeats]
(decoupled: the closed form on orthogonal data integrated per coordinate, as Flowlab's fast path)"""
import sys
import time

import numpy as np


def edm_grid(smax, smin, steps):
    a, b = smax ** (1 / 7), smin ** (1 / 7)
    s = (a + np.arange(steps + 1) / steps * (b - a)) ** 7
    s[0], s[-1] = smax, smin
    return s


def minnorm(Y, sigma, V, lengths):
    # the ray-sum closed form, apex 0: h(y) = sum_n v_n clamp((v_n.y - rho) l_n / (l_n - 2 rho), 0, l_n),
    # two products per evaluation as in Flowlab (its general form; no use of V being the identity)
    rho = np.sqrt(V.shape[0]) * sigma
    S = Y @ V
    return np.clip((S - rho) * (lengths / (lengths - 2 * rho)), 0.0, lengths) @ V.T


def emmse(Y, sigma, X):
    # softmax(-|y - x_n|^2 / (2 sigma^2)) over n, with the max subtracted
    logits = (Y @ X.T - 0.5 * (X * X).sum(1)) / sigma ** 2
    logits -= logits.max(axis=1, keepdims=True)
    w = np.exp(logits)
    w /= w.sum(axis=1, keepdims=True)
    return w @ X


def heun_pf(Y, h, grid):
    """The probability flow dy/dsigma = (y - h(y, sigma))/sigma by Heun over the grid (rows are particles;
    NumPy arrays or torch tensors alike)."""
    for s0, s1 in zip(grid[:-1], grid[1:]):
        d1 = (Y - h(Y, s0)) / s0
        Ye = Y + (s1 - s0) * d1
        d2 = (Ye - h(Ye, s1)) / s1
        Y = Y + (s1 - s0) * 0.5 * (d1 + d2)
    return Y


def classify(Y, tau=0.2):
    near1, near0 = np.abs(Y - 1) <= tau, np.abs(Y) <= tau
    vertex = np.all(near1 | near0, axis=1)
    hits = near1.sum(1)
    inside = np.all((Y >= -tau) & (Y <= 1 + tau), axis=1)
    return {"training": np.mean(vertex & (hits == 1)), "virtual": np.mean(vertex & (hits >= 2)),
            "apex": np.mean(vertex & (hits == 0)), "manifold": np.mean(~vertex & inside),
            "other": np.mean(~vertex & ~inside)}


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "minnorm"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    m = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    k = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    X = np.eye(n)
    smax = 0.45 / np.sqrt(n)  # rho_T = 0.45 x the unit gap: the largest safely feasible level (Flowlab's default)
    grid = edm_grid(smax, 1e-4, k)
    lengths = np.linalg.norm(X, axis=1)
    V = X.T / lengths  # unit directions as columns
    h = (lambda Y, s: minnorm(Y, s, V, lengths)) if kind == "minnorm" else (lambda Y, s: emmse(Y, s, X))
    if kind == "decoupled":  # the same trick as Flowlab's: project once, integrate the coordinates, project back
        rho_per_sigma = np.sqrt(n)

        def flow(Y):
            S = Y @ V
            Q = Y - S @ V.T
            factor = 1.0
            for s0, s1 in zip(grid[:-1], grid[1:]):
                dt = s1 - s0
                k1 = (S - np.clip((S - rho_per_sigma * s0) * (lengths / (lengths - 2 * rho_per_sigma * s0)), 0, lengths)) / s0
                Se = S + dt * k1
                k2 = (Se - np.clip((Se - rho_per_sigma * s1) * (lengths / (lengths - 2 * rho_per_sigma * s1)), 0, lengths)) / s1
                S = S + 0.5 * dt * (k1 + k2)
                factor *= 1 + 0.5 * dt * (1 / s0 + (1 + dt / s0) / s1)
            return S @ V.T + factor * Q
    times = []
    for _ in range(repeats):
        Y = np.random.default_rng(1).uniform(0, 1, size=(m, n))  # rows are particles
        t0 = time.perf_counter()
        Y = flow(Y) if kind == "decoupled" else heun_pf(Y, h, grid)
        times.append(time.perf_counter() - t0)
    frac = classify(Y)
    print(f"numpy {np.__version__} {kind} N=d={n} M={m} K={k} heun: median {sorted(times)[len(times) // 2]:.4f} s; " +
          " ".join(f"{c} {v:.3f}" for c, v in frac.items()))


if __name__ == "__main__":
    main()

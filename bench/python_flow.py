#!/usr/bin/python3
"""flowlab.flow against the NumPy flow of numpy_reference.py on the same work, in one run: P1's
experiment (orthogonal data x_n = e_n, N = d, particles uniform in the hyperbox, the probability
flow on the EDM grid with Heun down to 1e-4), for the closed form and the empirical MMSE, with
flowlab on every core and on one thread; then the cost of a call on a tiny input (one particle).
Prints medians and ratios; the endpoints of both agree (the max difference is printed).
usage: PYTHONPATH=build/native-release/python python_flow.py [N] [M] [K] [repeats]"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flowlab  # noqa: E402
import numpy_reference as ref  # noqa: E402


def median_time(f, repeats):
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2], out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    X = flowlab.datasets.orthogonal(n=n, d=n)
    smax, smin = 0.45 / np.sqrt(n), 1e-4
    grid = ref.edm_grid(smax, smin, k)
    V, lengths = np.eye(n), np.ones(n)
    Y0 = np.random.default_rng(1).uniform(0, 1, size=(m, n))
    for kind in ["minnorm", "emmse"]:
        h = flowlab.minnorm(X) if kind == "minnorm" else flowlab.emmse(X)
        hn = (lambda Y, s: ref.minnorm(Y, s, V, lengths)) if kind == "minnorm" else (lambda Y, s: ref.emmse(Y, s, X))
        tn, yn = median_time(lambda: ref.heun_pf(Y0.copy(), hn, grid), repeats)
        ta, ya = median_time(lambda: flowlab.flow(h, Y0, sigma_max=smax, sigma_min=smin, steps=k), repeats)
        t1, _ = median_time(lambda: flowlab.flow(h, Y0, sigma_max=smax, sigma_min=smin, steps=k, threads=1), repeats)
        print(f"{kind} N=d={n} M={m} K={k} heun: numpy {tn:.4f} s, flowlab {ta:.4f} s (every core), {t1:.4f} s "
              f"(one thread): NumPy/flowlab {tn / ta:.1f}x, {tn / t1:.1f}x (one thread); max |difference| "
              f"{np.abs(ya - yn).max():.1e}")
    # A call's own cost: one particle in R^2.
    x = flowlab.datasets.simplex()
    h, y = flowlab.minnorm(x), np.array([[0.3, 0.4]])
    calls = 20000
    t0 = time.perf_counter()
    for _ in range(calls):
        h(y, 0.1)
    denoise_us = (time.perf_counter() - t0) / calls * 1e6
    t0 = time.perf_counter()
    for _ in range(calls // 10):
        flowlab.flow(h, y, steps=1, integrator="euler")
    flow_us = (time.perf_counter() - t0) / (calls // 10) * 1e6
    print(f"a call on one particle: h(y, sigma) {denoise_us:.1f} us, flow (one Euler step) {flow_us:.1f} us")


if __name__ == "__main__":
    main()

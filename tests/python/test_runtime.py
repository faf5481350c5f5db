"""Long calls release the GIL (two Python threads overlap) and stop on Ctrl+C; a closed form's
network in PyTorch gives the closed form's outputs."""
import os
import signal
import threading
import time

import numpy as np
import pytest

import flowlab

X = flowlab.datasets.clusters(clusters=4, per_cluster=16, d=2, seed=3)
h = flowlab.emmse(X)
Y0 = np.random.default_rng(4).normal(size=(4096, 2)) * 3


def timed_flow(out, i):
    t0 = time.perf_counter()
    flowlab.flow(h, Y0, kind="pf", sigma_max=3, sigma_min=0.01, steps=400, threads=1)
    out[i] = (t0, time.perf_counter())


def test_two_python_threads_run_flows_at_once():
    """With the GIL held the calls would run one after the other and never overlap; released, the
    second starts while the first runs (a check of the overlap, not of the speed)."""
    spans = [None, None]
    threads = [threading.Thread(target=timed_flow, args=(spans, i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (a0, a1), (b0, b1) = spans
    overlap = min(a1, b1) - max(a0, b0)
    shorter = min(a1 - a0, b1 - b0)
    print(f"calls of {a1 - a0:.3f} s and {b1 - b0:.3f} s overlapped for {overlap:.3f} s")
    assert overlap > 0.5 * shorter


def test_ctrl_c_stops_a_long_flow():
    big = np.random.default_rng(5).normal(size=(200000, 2)) * 3
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    t0 = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        flowlab.flow(h, big, kind="pf", sigma_max=3, sigma_min=0.001, steps=2000, threads=1)
    elapsed = time.perf_counter() - t0
    timer.join()
    print(f"interrupted after {elapsed:.2f} s")
    # The whole flow would take minutes (~0.8 s per chunk of 512 here): it stopped within a chunk of the signal.
    assert elapsed < 30


def test_ctrl_c_stops_training():
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        flowlab.train(X, 0.1, width=256, samples=200, epochs=1000000, trainer="adam")
    timer.join()


def test_ctrl_c_stops_posterior_sampling():
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):  # minutes of work: 10^6 samples x 2000 levels
        flowlab.inverse.sample(X, h, [[1.0, 0.0]], [0.3], noise=0.1, method="dps", samples=1000000, steps=2000, threads=1)
    timer.join()


def test_to_network_in_pytorch():
    import torch  # Debian's python3-torch (scripts/setup)
    x = flowlab.datasets.simplex(n=3, d=3, angle=100)
    m = flowlab.minnorm(x)
    W, b, A, V, c = m.to_network(0.3)
    K, d = W.shape
    first = torch.nn.Linear(d, K, dtype=torch.float64)
    second = torch.nn.Linear(K, d, bias=False, dtype=torch.float64)
    skip = torch.nn.Linear(d, d, dtype=torch.float64)
    with torch.no_grad():
        first.weight.copy_(torch.from_numpy(W)), first.bias.copy_(torch.from_numpy(b))
        second.weight.copy_(torch.from_numpy(A))
        skip.weight.copy_(torch.from_numpy(V)), skip.bias.copy_(torch.from_numpy(c))
        y = np.random.default_rng(6).uniform(-0.5, 1.5, size=(2000, 3))
        t = torch.from_numpy(y)
        out = (second(torch.relu(first(t))) + skip(t)).numpy()
    assert np.allclose(out, m(y, 0.3 / m.alpha), rtol=0, atol=1e-12)

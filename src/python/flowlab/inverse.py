"""Inverse problems y = A x + eta with Flowlab's denoisers as priors (`flowlab inverse`).

    X = flowlab.datasets.simplex(n=2, d=2, angle=90)
    A = [[1.0, 0.0]]                          # measure the first coordinate
    x = flowlab.inverse.sample(X, flowlab.emmse(X), A, [0.3], noise=0.15, method="exact")
    w = flowlab.inverse.weights(X, A, [0.3], noise=0.15)   # the exact posterior on X's rows
"""
from ._flowlab import inverse_sample as sample, posterior_weights as weights

__all__ = ["sample", "weights"]

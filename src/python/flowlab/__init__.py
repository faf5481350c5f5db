"""Flowlab from Python: why diffusion models memorize or generalize, computed.

The core of Flowlab (C++ and Eigen) over NumPy arrays with one sample per row (n x d):
the minimum-norm shallow ReLU denoiser in closed form, the empirical MMSE denoiser, the
kernel-smoothed score, trained networks, the flows they induce and where particles end.
The results are the command line's, bit for bit.

    import flowlab
    X = flowlab.datasets.simplex(n=2, d=2, angle=90)
    h = flowlab.minnorm(X)
    Y = flowlab.flow(h, Y0, kind="pf", sigma_max=0.3, sigma_min=1e-3, steps=200)
    classes, vertices = flowlab.classify(X, Y)
"""
from ._flowlab import Denoiser, Model, classify, emmse, flow, ksmooth, load_model, minnorm, train
from . import datasets, experiment, inverse

__all__ = ["Denoiser", "Model", "classify", "datasets", "emmse", "experiment", "flow", "inverse", "ksmooth", "load_model", "minnorm", "train"]

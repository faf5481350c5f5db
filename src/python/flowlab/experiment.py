"""The papers' experiments (`flowlab experiment`).

    row = flowlab.experiment.orthogonal(n=10, inits=2000, kind="score")
    row["training"], row["virtual"], row["manifold"]      # where the particles ended
"""
from ._flowlab import experiment_orthogonal as orthogonal

__all__ = ["orthogonal"]

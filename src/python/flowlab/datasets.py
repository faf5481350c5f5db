"""Seeded training sets of the geometries the theory covers, as n x d NumPy arrays."""
from ._flowlab import datasets as _datasets

simplex = _datasets.simplex
orthogonal = _datasets.orthogonal
rays = _datasets.rays
points1d = _datasets.points1d
collinear = _datasets.collinear
clusters = _datasets.clusters
digits = _datasets.digits

__all__ = ["simplex", "orthogonal", "rays", "points1d", "collinear", "clusters", "digits"]

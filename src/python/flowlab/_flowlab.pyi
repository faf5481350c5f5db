"""Type hints for flowlab's compiled core (src/python). Arrays: one sample per row, float64
(float32 and other layouts are converted)."""
import os
from typing import List, Optional, Sequence, Tuple, Union, overload, Literal

import numpy as np
import numpy.typing as npt

ArrayLike = npt.ArrayLike
Array = npt.NDArray[np.float64]

class Denoiser:
    """A denoiser h_sigma: R^d -> R^d over training data."""
    def __call__(self, Y: ArrayLike, sigma: float, threads: int = 0) -> Array:
        """h_sigma(Y) for every row of Y (n x d): the numbers of `flowlab denoise`."""
    def vjp(self, Y: ArrayLike, sigma: float, V: ArrayLike) -> Array:
        """J^T v per row: J the Jacobian of h_sigma at that row of Y, v the same row of V."""
    def to_network(self, rho: float) -> Tuple[Array, Array, Array, Array, Array]:
        """The min-norm closed form at ball radius rho as (W, b, A, V, c):
        h(y) = A relu(W y + b) + V y + c, W K x d, b K, A d x K, V d x d, c d."""
    @property
    def dim(self) -> int: ...
    @property
    def kind(self) -> str:
        """minnorm, emmse, ksmooth or trained."""
    @property
    def alpha(self) -> float:
        """rho = alpha sigma."""
    @property
    def data(self) -> Array:
        """The training points, n x d (a trained model: 0 x d)."""

class Model(Denoiser):
    """A trained model: one network per noise level, blended in log sigma between levels."""
    def save(self, path: Union[str, os.PathLike]) -> None:
        """Writes the JSON of `flowlab train --out`."""
    def to_json(self) -> str: ...
    @property
    def sigmas(self) -> List[float]: ...
    @property
    def networks(self) -> List[dict]:
        """Per level {W, b, A, V, c}."""
    @property
    def report(self) -> List[dict]:
        """Per level: sigma, width, epochs, loss, interpolation, cost."""

def minnorm(X: ArrayLike, alpha: Optional[float] = None, fallback: Optional[str] = None) -> Denoiser:
    """The min-norm shallow ReLU denoiser in closed form (rho = alpha sigma; alpha None: sqrt(d))."""
def emmse(X: ArrayLike) -> Denoiser:
    """The empirical MMSE denoiser."""
def ksmooth(X: ArrayLike, bandwidth: float = 0.1, nodes: int = 64) -> Denoiser:
    """The kernel-smoothed score's denoiser (quadrature over `nodes` points)."""
def load_model(path: Union[str, os.PathLike]) -> Model:
    """A model file of `flowlab train` or Model.save."""
def train(X: ArrayLike, sigma: Union[float, Sequence[float]], width: int = 64, samples: int = 100,
          trainer: str = "auglag", weight_decay: Optional[float] = None, epochs: int = 10000,
          lr: Optional[float] = None, batch: int = 32, resample: bool = False, skip: bool = True,
          alpha: Optional[float] = None, seed: int = 1) -> Model:
    """Trains as `flowlab train` (the same defaults and, for a seed, the same model)."""

@overload
def flow(h: Denoiser, Y0: ArrayLike, kind: str = ..., sigma_max: Optional[float] = ..., sigma_min: Optional[float] = ...,
         steps: int = ..., grid: str = ..., integrator: str = ..., seed: int = ..., threads: int = ...,
         sigma: Optional[float] = ..., time: float = ..., tol: float = ..., trajectory: Literal[False] = ...) -> Array: ...
@overload
def flow(h: Denoiser, Y0: ArrayLike, kind: str = ..., sigma_max: Optional[float] = ..., sigma_min: Optional[float] = ...,
         steps: int = ..., grid: str = ..., integrator: str = ..., seed: int = ..., threads: int = ...,
         sigma: Optional[float] = ..., time: float = ..., tol: float = ...,
         trajectory: Literal[True] = ...) -> Tuple[Array, Array]:
    """Integrates the flow h induces from the rows of Y0: the numbers of `flowlab flow`."""

@overload
def classify(X: ArrayLike, Y: ArrayLike, tol: Optional[float] = ..., ratio: None = ...,
             threads: int = ...) -> Tuple[npt.NDArray[np.str_], List[List[int]]]: ...
@overload
def classify(X: ArrayLike, Y: ArrayLike, tol: None = ..., ratio: float = ...,
             threads: int = ...) -> Tuple[npt.NDArray[np.str_], npt.NDArray[np.int_], Array]:
    """Where the rows of Y ended relative to X, as `flowlab classify`."""

class datasets:
    @staticmethod
    def simplex(n: int = 2, d: int = 2, angle: float = 90.0, length: float = 1.0, rotate: bool = False, seed: int = 1) -> Array: ...
    @staticmethod
    def orthogonal(n: int = 3, d: int = 3, min_length: float = 1.0, max_length: float = 1.0, rotate: bool = False, seed: int = 1) -> Array: ...
    @staticmethod
    def rays(rays: int = 2, per_ray: int = 2, d: int = 2, angle: float = 90.0, spacing: float = 1.0, jitter: float = 0.0,
             rotate: bool = False, seed: int = 1) -> Array: ...
    @staticmethod
    def points1d(n: int = 5, min_gap: float = 1.0, max_gap: float = 2.0, seed: int = 1) -> Array: ...
    @staticmethod
    def collinear(n: int = 4, d: int = 2, min_gap: float = 1.0, max_gap: float = 2.0, seed: int = 1) -> Array: ...
    @staticmethod
    def clusters(clusters: int = 3, per_cluster: int = 4, d: int = 2, spread: float = 3.0, std: float = 0.3, seed: int = 1) -> Array: ...
    @staticmethod
    def digits(n: int = 100, classes: Sequence[int] = ..., seed: int = 1) -> Tuple[Array, List[int], List[int]]: ...

def inverse_sample(X: ArrayLike, h: Denoiser, A: ArrayLike, y: ArrayLike, noise: float, method: str = "dps",
                   step: float = 0.5, samples: int = 1000, flow: str = "pf", sigma_max: Optional[float] = None,
                   sigma_min: Optional[float] = None, steps: int = 200, grid: str = "edm", init: str = "noise",
                   estimate: Optional[ArrayLike] = None, seed: int = 1, threads: int = 0) -> Array:
    """Posterior samples (samples x d) for y = A x + eta, as `flowlab inverse` (flowlab.inverse.sample)."""
def posterior_weights(X: ArrayLike, A: ArrayLike, y: ArrayLike, noise: float) -> Array:
    """The exact posterior's weights on X's rows, one row per measurement (flowlab.inverse.weights)."""
def experiment_orthogonal(n: int = 30, d: Optional[int] = None, inits: int = 500, kind: str = "pf",
                          denoiser: str = "minnorm", alpha: Optional[float] = None, fallback: Optional[str] = None,
                          bandwidth: float = 0.1, nodes: int = 64, init: str = "uniform", init_std: float = 0.5,
                          tol: float = 0.02, classify: str = "endpoint", sigma_max: Optional[float] = None,
                          sigma_min: Optional[float] = None, steps: int = 200, grid: str = "edm",
                          integrator: str = "heun", sigma: Optional[float] = None, time: float = 200.0,
                          flow_tol: float = 1e-10, seed: int = 1, threads: int = 0) -> dict:
    """P1's experiment as `flowlab experiment orthogonal` (flowlab.experiment.orthogonal): the row as a dict."""

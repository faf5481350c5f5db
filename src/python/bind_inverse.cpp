// flowlab.inverse (`flowlab inverse`): posterior samples for y = A x + eta with a denoiser as the
// prior, and the exact posterior's weights on the training points.
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <optional>

#include "arrays.hpp"
#include "core/analysis/experiment.hpp"
#include "core/inverse/inverse.hpp"
#include "handles.hpp"
#include "release.hpp"

namespace flowlab::python {

namespace {
using namespace py::literals;

// Samples x levels over this run where Ctrl+C can stop them (release.hpp).
constexpr double kLongSampling = 2e5;

// A 1-D array as one row (a vector of m values, not m samples of one).
Rows one_row(Rows a) { return a.ndim() == 1 ? Rows(a.reshape({py::ssize_t{1}, a.shape(0)})) : a; }

// A (m x d, a row per measured value; 1-D: one row) and y (m values, or one row of m per sample) as
// the CLI reads them.
Measurement measurement(const Rows& Ar, const Rows& yr, double noise, Eigen::Index d) {
  Measurement m;
  m.A = points(one_row(Ar), "A", d).transpose();
  m.y = points(one_row(yr), "y", m.A.rows());
  if (!(noise >= 1e-300 && noise <= 1e12)) raise("noise must be in [1e-300, 1e12], got " + std::to_string(noise));
  m.noise = noise;
  return m;
}

py::array_t<double> sample(const Rows& Xr, const DenoiserHandle& h, const Rows& Ar, const Rows& yr, double noise,
                           const std::string& method, double step, long samples, const std::string& flow,
                           std::optional<double> sigma_max, std::optional<double> sigma_min, int steps,
                           const std::string& grid, const std::string& init, const std::optional<Rows>& estimate,
                           std::uint64_t seed, int threads) {
  const ConstMap X = points(Xr, "X", h.den->dim());
  InverseOptions o;
  o.method = value_or_raise(parse_inverse_method(method));
  o.init = value_or_raise(parse_inverse_init(init));
  if (!(step >= 0 && step <= 1e12)) raise("step must be in [0, 1e12]");
  o.step = step;
  if (samples < 1 || samples > 10000000) raise("samples must be in [1, 10000000]");
  o.samples = samples;
  if (threads < 0 || threads > 1024) raise("threads must be in [0, 1024] (0: every core)");
  o.threads = threads;
  if (o.method == InverseMethod::exact && h.spec.kind != "emmse")
    raise("method exact samples with the likelihood-weighted MMSE denoiser: give flowlab.emmse(X)");
  if (estimate && o.init != InverseInit::estimate) raise("estimate goes with init=\"estimate\"");
  // The levels as `flowlab inverse` takes them: the CLI's defaults from X where left None.
  const DenoiserHandle over_x{Eigen::MatrixXd(X), h.spec, h.den};
  const FlowOptions f = flow_options(over_x, flow, sigma_max, sigma_min, steps, grid, "heun", seed, 1.0, 200.0, 1e-10);
  if (f.kind != FlowKind::pf && f.kind != FlowKind::sde) raise("flow must be pf or sde");
  o.flow = f.kind, o.grid = f.grid, o.seed = f.seed;
  o.sigma_max = f.sigma_max, o.sigma_min = f.sigma_min, o.steps = f.steps;
  const Measurement m = measurement(Ar, yr, noise, X.rows());
  if (m.y.cols() != 1 && m.y.cols() != o.samples)
    raise("y has " + std::to_string(m.y.cols()) + " rows; give one (for every sample) or one per sample (samples=" +
          std::to_string(o.samples) + ")");
  Eigen::MatrixXd start;
  if (estimate) {
    start = points(*estimate, "estimate", X.rows());
    if (start.cols() != 1 && start.cols() != o.samples) raise("estimate: give one row of d values, or one per sample");
  }
  std::atomic<bool> cancel{false};
  const bool long_call = static_cast<double>(o.samples) * o.steps > kLongSampling;
  auto out = interruptible([&] { return sample_posterior(X, *h.den, m, o, start, nullptr, &cancel); }, cancel, long_call);
  return rows_of(value_or_raise(std::move(out)));
}

py::array_t<double> weights(const Rows& Xr, const Rows& Ar, const Rows& yr, double noise) {
  const ConstMap X = points(Xr, "X");
  const Measurement m = measurement(Ar, yr, noise, X.rows());
  return rows_of(posterior_weights(X, m));  // N x M in the core: a row per measurement here
}
}  // namespace

void bind_inverse(py::module_& m) {
  m.def("inverse_sample", &sample, "X"_a, "h"_a, "A"_a, "y"_a, "noise"_a, "method"_a = "dps", "step"_a = 0.5,
        "samples"_a = 1000, "flow"_a = "pf", "sigma_max"_a = py::none(), "sigma_min"_a = py::none(), "steps"_a = 200,
        "grid"_a = "edm", "init"_a = "noise", "estimate"_a = py::none(), "seed"_a = 1, "threads"_a = 0,
        "Posterior samples for y = A x + eta, eta ~ N(0, noise^2 I), with h as the prior's denoiser and X its training "
        "points, as `flowlab inverse` (the same numbers): method exact (h must be flowlab.emmse(X)), dps, projection "
        "or mcg; A m x d, y m values (or one row per sample). Returns samples x d. Releases the GIL; Ctrl+C stops it.");
  m.def("posterior_weights", &weights, "X"_a, "A"_a, "y"_a, "noise"_a,
        "The exact posterior of the empirical prior on X: weights, one row per measurement (a row of y), N each, "
        "summing to 1 (computed in the log domain: exact at any noise).");
}

}  // namespace flowlab::python

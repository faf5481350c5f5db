// Denoisers: flowlab.minnorm, emmse, ksmooth (and the trained models of bind_training.cpp), each
// callable h(Y, sigma) like `flowlab denoise`.
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <optional>

#include "arrays.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/fallback.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/runtime/budget.hpp"
#include "core/runtime/parallel.hpp"
#include "handles.hpp"
#include "release.hpp"

namespace flowlab::python {

DenoiserHandle make_handle(Eigen::MatrixXd X, const DenoiserSpec& spec) {
  if (spec.kind != "trained") check_or_raise(validate_points(X));
  DenoiserHandle h;
  h.spec = spec;
  h.den = std::shared_ptr<const Denoiser>(value_or_raise(make_denoiser(X, spec)).release());
  h.data = std::move(X);
  return h;
}

namespace {
using namespace py::literals;

double checked_sigma(const DenoiserHandle& h, double sigma) {
  if (!(sigma > 0) || !std::isfinite(sigma)) raise("sigma must be a positive finite number, got " + std::to_string(sigma));
  check_or_raise(h.den->check(sigma));
  return sigma;
}

py::array_t<double> denoise(const DenoiserHandle& h, const Rows& Y, double sigma, int threads) {
  const ConstMap y = points(Y, "Y", h.den->dim());
  checked_sigma(h, sigma);
  auto out = new_rows(y.cols(), y.rows());
  MutMap H = matrix_of(out);
  std::atomic<bool> cancel{false};
  interruptible([&] {
    apply_in_chunks(*h.den, y, sigma, H, threads);
    return 0;
  }, cancel, false);
  return out;
}

py::array_t<double> vjp(const DenoiserHandle& h, const Rows& Y, double sigma, const Rows& V) {
  const ConstMap y = points(Y, "Y", h.den->dim());
  const ConstMap v = points(V, "V", h.den->dim());
  if (v.cols() != y.cols())
    raise("V: expected as many rows as Y (" + std::to_string(y.cols()) + "), got " + std::to_string(v.cols()));
  checked_sigma(h, sigma);
  auto out = new_rows(y.cols(), y.rows());
  MutMap O = matrix_of(out);
  py::gil_scoped_release release;
  Workspace ws;
  h.den->vjp(y, sigma, v, O, ws);
  return out;
}

py::tuple network_tuple(const ShallowNet& n) {
  return py::make_tuple(matrix_as_is(n.W), vector_of(n.b), matrix_as_is(n.A), matrix_as_is(n.V), vector_of(n.c));
}

}  // namespace

DenoiserSpec denoiser_spec(const std::string& kind, std::optional<double> alpha, const std::optional<std::string>& fallback,
                           double bandwidth, int nodes) {
  DenoiserSpec s;
  if (kind != "minnorm" && kind != "emmse" && kind != "ksmooth") raise("denoiser must be minnorm, emmse or ksmooth, got '" + kind + "'");
  s.kind = kind;
  if (alpha) {
    if (!(*alpha > 0) || !std::isfinite(*alpha)) raise("alpha must be a positive finite number");
    s.alpha = *alpha;
  }
  if (fallback) s.fallback = value_or_raise(parse_fallback(*fallback));
  if (!(bandwidth > 0) || !std::isfinite(bandwidth)) raise("bandwidth must be a positive finite number");
  if (nodes < 2 || nodes > budget::kMaxNodes) raise("nodes must be in [2, " + std::to_string(budget::kMaxNodes) + "]");
  s.bandwidth = bandwidth, s.nodes = nodes;
  return s;
}

void bind_denoisers(py::module_& m) {
  py::class_<DenoiserHandle>(m, "Denoiser",
                             "A denoiser h_sigma: R^d -> R^d over training data. Call it as h(Y, sigma) on an n x d "
                             "array; build one with flowlab.minnorm, flowlab.emmse, flowlab.ksmooth, or load or "
                             "train a model.")
      .def("__call__", &denoise, "Y"_a, "sigma"_a, "threads"_a = 0,
           "h_sigma(Y) for every row of Y (n x d): the same numbers as `flowlab denoise`. threads: 0 for every "
           "core (the result does not depend on it).")
      .def("vjp", &vjp, "Y"_a, "sigma"_a, "V"_a,
           "J^T v for every row: J the Jacobian of h_sigma at that row of Y, v the same row of V (n x d each).")
      .def(
          "to_network",
          [](const DenoiserHandle& h, double rho) {
            if (h.spec.kind != "minnorm") raise("to_network: only the min-norm closed form is a network (this is " + h.spec.kind + ")");
            if (!(rho > 0) || !std::isfinite(rho)) raise("rho must be a positive finite number");
            auto mn = value_or_raise(MinNormDenoiser::create(h.data, resolved_alpha(h.spec, h.data.rows())));
            if (!(2.0 * rho < mn.min_gap()))
              raise("rho = " + std::to_string(rho) + " is infeasible: the closed form needs 2 rho < the smallest gap (" +
                    std::to_string(mn.min_gap()) + ")");
            return network_tuple(mn.to_network(rho));
          },
          "rho"_a,
          "The closed form at ball radius rho as a shallow ReLU network h(y) = A relu(W y + b) + V y + c: returns "
          "(W, b, A, V, c) with W K x d, b K, A d x K, V d x d, c d (two ReLUs per unit, balanced).")
      .def_property_readonly("dim", [](const DenoiserHandle& h) { return h.den->dim(); }, "The dimension d.")
      .def_property_readonly("kind", [](const DenoiserHandle& h) { return h.spec.kind; },
                             "minnorm, emmse, ksmooth or trained.")
      .def_property_readonly("alpha", [](const DenoiserHandle& h) { return resolved_alpha(h.spec, h.den->dim()); },
                             "rho = alpha sigma (the min-norm closed form's ball).")
      .def_property_readonly("data", [](const DenoiserHandle& h) { return rows_of(h.data); },
                             "The training points, n x d (a trained model: 0 x d).")
      .def("__repr__", [](const DenoiserHandle& h) {
        return "<flowlab.Denoiser " + h.den->name() + ", d = " + std::to_string(h.den->dim()) + ", " +
               std::to_string(h.data.cols()) + " training points>";
      });

  m.def(
      "minnorm",
      [](const Rows& X, std::optional<double> alpha, std::optional<std::string> fallback) {
        return make_handle(points(X, "X"), denoiser_spec("minnorm", alpha, fallback));
      },
      "X"_a, "alpha"_a = py::none(), "fallback"_a = py::none(),
      "The minimum-norm shallow ReLU network denoiser in closed form, rho = alpha sigma (alpha: sqrt(d) when None). "
      "fallback: None (an error), clamp or emmse where the closed form is infeasible (2 rho >= the smallest gap).");
  m.def(
      "emmse", [](const Rows& X) { return make_handle(points(X, "X"), denoiser_spec("emmse")); }, "X"_a,
      "The empirical MMSE denoiser: the softmax-weighted mean of the training points (computed in the log domain).");
  m.def(
      "ksmooth",
      [](const Rows& X, double bandwidth, int nodes) {
        return make_handle(points(X, "X"), denoiser_spec("ksmooth", std::nullopt, std::nullopt, bandwidth, nodes));
      },
      "X"_a, "bandwidth"_a = 0.1, "nodes"_a = 64,
      "The kernel-smoothed score's denoiser: the empirical MMSE averaged over a Gaussian kernel of the given "
      "bandwidth, by quadrature over `nodes` points.");
}

}  // namespace flowlab::python

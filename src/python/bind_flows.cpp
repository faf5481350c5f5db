// flowlab.flow (`flowlab flow`) and flowlab.classify (`flowlab classify`).
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>

#include "arrays.hpp"
#include "core/analysis/classify.hpp"
#include "core/analysis/experiment.hpp"
#include "core/data/dataset.hpp"
#include "core/flows/integrators.hpp"
#include "core/flows/schedule.hpp"
#include "core/runtime/budget.hpp"
#include "core/runtime/parallel.hpp"
#include "handles.hpp"
#include "release.hpp"

namespace flowlab::python {

namespace {
using namespace py::literals;

// Flows over more particles x steps than this run where Ctrl+C can stop them (release.hpp).
constexpr double kLongFlow = 2e5;

double positive(std::optional<double> v, double fallback, const char* name) {
  if (!v) return fallback;
  if (!(*v > 0) || !std::isfinite(*v) || *v > 1e12) raise(std::string(name) + " must be in (0, 1e12], got " + std::to_string(*v));
  return *v;
}
}  // namespace

FlowOptions flow_options(const DenoiserHandle& h, const std::string& kind, std::optional<double> sigma_max,
                         std::optional<double> sigma_min, int steps, const std::string& grid,
                         const std::string& integrator, std::uint64_t seed, std::optional<double> sigma, double time,
                         double tol) {
  // The CLI's defaults (an O(N^2) pass over the data) only where a level is left to them.
  const FlowOptions defaults = sigma && sigma_max && sigma_min ? FlowOptions{} : default_flow_levels(h.spec, h.data);
  FlowOptions f;
  f.kind = value_or_raise(parse_flow_kind(kind));
  f.integrator = value_or_raise(parse_integrator(integrator));
  f.grid = value_or_raise(parse_grid(grid));
  f.sigma = positive(sigma, defaults.sigma, "sigma");
  f.sigma_max = positive(sigma_max, defaults.sigma_max, "sigma_max");
  f.sigma_min = positive(sigma_min, h.spec.model && h.spec.model->sigmas.size() > 1 ? defaults.sigma_min : f.sigma_max * 1e-3,
                         "sigma_min");
  if (steps < 1 || steps > budget::kMaxSteps) raise("steps must be in [1, " + std::to_string(budget::kMaxSteps) + "]");
  f.steps = steps;
  if (!(time >= 0) || !std::isfinite(time)) raise("time must be a finite number >= 0");
  f.time = time;
  if (!(tol >= 0) || !std::isfinite(tol)) raise("tol must be a finite number >= 0");
  f.tol = tol;
  f.seed = seed;
  return f;
}

namespace {

// Every step's positions: the chunks of run_in_chunks (the same seeds), stepped in turn, so the last
// frame is the endpoints that the call without the trajectory returns.
std::vector<Eigen::MatrixXd> trajectory(const Denoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y,
                                        std::atomic<bool>& cancel, std::string& error) {
  std::vector<Flow> flows;
  const Eigen::Index chunks = column_chunks(Y.cols());
  for (Eigen::Index c = 0; c < chunks; ++c) {
    auto f = Flow::create(den, chunk_options(opt, c), std::min(kExperimentChunk, Y.cols() - c * kExperimentChunk));
    if (!f) return error = f.message(), std::vector<Eigen::MatrixXd>{};
    flows.push_back(std::move(f).value());
  }
  std::vector<Eigen::MatrixXd> frames{Y};
  const auto running = [&] {
    return std::any_of(flows.begin(), flows.end(), [](const Flow& f) { return !f.done(); });
  };
  while (running()) {
    for (Eigen::Index c = 0; c < chunks; ++c) {
      const Eigen::Index j0 = c * kExperimentChunk;
      Flow& f = flows[static_cast<std::size_t>(c)];
      if (!f.done()) f.step(Y.middleCols(j0, std::min(kExperimentChunk, Y.cols() - j0)));
    }
    const double bytes = static_cast<double>(frames.size() + 1) * static_cast<double>(Y.size()) * 8.0;
    if (auto s = budget::fits_memory(bytes, "the trajectory"); !s) return error = s.message(), std::vector<Eigen::MatrixXd>{};
    frames.push_back(Y);
    if (cancel) return error = "interrupted", std::vector<Eigen::MatrixXd>{};
  }
  for (const Flow& f : flows)
    if (!f.report().status) return error = f.report().status.message(), std::vector<Eigen::MatrixXd>{};
  return frames;
}

py::object flow(const DenoiserHandle& h, const Rows& Y0, const std::string& kind, std::optional<double> sigma_max,
                std::optional<double> sigma_min, int steps, const std::string& grid, const std::string& integrator,
                std::uint64_t seed, int threads, std::optional<double> sigma, double time, double tol, bool with_path) {
  const ConstMap y0 = points(Y0, "Y0", h.den->dim());
  const FlowOptions opt = flow_options(h, kind, sigma_max, sigma_min, steps, grid, integrator, seed, sigma, time, tol);
  if (threads < 0 || threads > 1024) raise("threads must be in [0, 1024] (0: every core)");
  // The options checked once, as the CLI does, for a chunk's worth of particles.
  check_or_raise(Flow::create(*h.den, opt, std::min<Eigen::Index>(std::max<Eigen::Index>(y0.cols(), 1), kExperimentChunk)));
  auto out = new_rows(y0.cols(), y0.rows());
  MutMap Y = matrix_of(out);
  Y = y0;
  std::atomic<bool> cancel{false};
  const bool long_call = static_cast<double>(y0.size()) * opt.steps > kLongFlow;
  if (!with_path) {
    auto run = interruptible([&] { return run_in_chunks(*h.den, opt, Y, threads, {}, &cancel); }, cancel, long_call);
    check_or_raise(run);
    return std::move(out);
  }
  std::string error;
  auto frames = interruptible([&] { return trajectory(*h.den, opt, Y, cancel, error); }, cancel, long_call);
  if (!error.empty()) raise(error);
  py::array_t<double> path({static_cast<py::ssize_t>(frames.size()), static_cast<py::ssize_t>(y0.cols()),
                            static_cast<py::ssize_t>(y0.rows())});
  for (std::size_t t = 0; t < frames.size(); ++t)
    MutMap(path.mutable_data() + t * static_cast<std::size_t>(y0.size()), y0.rows(), y0.cols()) = frames[t];
  return py::make_tuple(out, path);
}

py::object classify(const Rows& Xr, const Rows& Yr, std::optional<double> tol, std::optional<double> ratio, int threads) {
  const ConstMap X = points(Xr, "X");
  const ConstMap Y = points(Yr, "Y", X.rows());
  check_or_raise(validate_points(X));
  if (tol && ratio) raise("tol and ratio are two criteria: give one");
  if (threads < 0 || threads > 1024) raise("threads must be in [0, 1024] (0: every core)");
  if (ratio) {
    if (!(*ratio >= 1e-12 && *ratio <= 1.0)) raise("ratio must be in [1e-12, 1]");
    NearestRatio r;
    {
      py::gil_scoped_release release;
      auto near = nearest_ratio(X, Y, threads);
      if (!near) {
        py::gil_scoped_acquire gil;
        raise(near.message());
      }
      r = std::move(near).value();
    }
    std::vector<std::string> classes;
    for (double q : r.ratio) classes.push_back(q < *ratio ? "memorized" : "novel");
    return py::make_tuple(py::array(py::cast(classes)), py::array(py::cast(r.nearest)), py::array(py::cast(r.ratio)));
  }
  const double t = tol.value_or(kDefaultTolerance);
  if (!(t >= 1e-12 && t <= 1e3)) raise("tol must be in [1e-12, 1000]");
  const Classifier classifier = value_or_raise(Classifier::create(X, t));
  Classification c;
  {
    py::gil_scoped_release release;
    c = classifier.classify(Y, threads);
  }
  std::vector<std::string> classes;
  py::list vertices;
  for (std::size_t j = 0; j < c.classes.size(); ++j) {
    classes.push_back(to_string(c.classes[j]));
    vertices.append(py::cast(c.vertex(j)));
  }
  return py::make_tuple(py::array(py::cast(classes)), vertices);
}
}  // namespace

void bind_flows(py::module_& m) {
  m.def("flow", &flow, "h"_a, "Y0"_a, "kind"_a = "pf", "sigma_max"_a = py::none(), "sigma_min"_a = py::none(),
        "steps"_a = 200, "grid"_a = "edm", "integrator"_a = "heun", "seed"_a = 1, "threads"_a = 0,
        "sigma"_a = py::none(), "time"_a = 200.0, "tol"_a = 1e-10, "trajectory"_a = false,
        "Integrates the flow h induces from the rows of Y0 (n x d), as `flowlab flow` does (the same numbers): "
        "kind pf (probability flow from sigma_max down to sigma_min on the grid: edm, geometric or linear), "
        "score (the score flow at the fixed sigma for `time`), sde (the reverse SDE) or langevin; integrator "
        "euler, heun, rk4 or adaptive. Levels left None take the CLI's defaults from the data. Returns the "
        "endpoints, n x d; with trajectory=True, (endpoints, path) with path steps+1 x n x d. Releases the GIL; "
        "Ctrl+C stops it between chunks of 512 particles.");
  m.def("classify", &classify, "X"_a, "Y"_a, "tol"_a = py::none(), "ratio"_a = py::none(), "threads"_a = 0,
        "Where the rows of Y ended relative to the training points X, as `flowlab classify`: returns (classes, "
        "vertices): classes an array of training, virtual, apex, manifold, other (or novel), vertices a list of "
        "the 0-based training rows each vertex reached sums (empty where none); tol: the tolerance on the edge "
        "coordinates (default 0.02). With ratio=R (Gu et al.'s criterion, any data): (classes, nearest, ratio) "
        "with classes memorized or novel.");
}

}  // namespace flowlab::python

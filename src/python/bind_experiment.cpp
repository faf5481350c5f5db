// flowlab.experiment.orthogonal (`flowlab experiment orthogonal`): P1's experiment, flows from
// the hyperbox of N orthogonal points, and where the particles end.
#include <pybind11/stl.h>

#include <atomic>
#include <optional>

#include "arrays.hpp"
#include "core/analysis/classify.hpp"
#include "core/analysis/experiment.hpp"
#include "handles.hpp"
#include "release.hpp"

namespace flowlab::python {

namespace {
using namespace py::literals;

// Particles x steps over this run where Ctrl+C can stop them (release.hpp).
constexpr double kLongExperiment = 2e5;

py::dict orthogonal(int n, std::optional<int> d, int inits, const std::string& kind, const std::string& denoiser,
                    std::optional<double> alpha, std::optional<std::string> fallback, double bandwidth, int nodes,
                    const std::string& init, double init_std, double tol, const std::string& classify,
                    std::optional<double> sigma_max, std::optional<double> sigma_min, int steps, const std::string& grid,
                    const std::string& integrator, std::optional<double> sigma, double time, double flow_tol,
                    std::uint64_t seed, int threads) {
  if (n < 1 || n > 4096) raise("n must be in [1, 4096]");
  if (d && (*d < n || *d > 4096)) raise("d must be in [n, 4096]");
  if (inits < 1 || inits > 10000000) raise("inits must be in [1, 10000000]");
  if (!(tol >= 1e-12 && tol <= 1e3)) raise("tol must be in [1e-12, 1000]");
  if (!(init_std >= 0 && init_std <= 1e12)) raise("init_std must be in [0, 1e12]");
  if (threads < 0 || threads > 1024) raise("threads must be in [0, 1024] (0: every core)");
  OrthogonalExperiment e;
  e.n = n, e.d = d.value_or(0), e.inits = inits, e.tol = tol, e.init_std = init_std, e.seed = seed, e.threads = threads;
  e.denoiser = denoiser_spec(denoiser, alpha, fallback, bandwidth, nodes);
  e.init = value_or_raise(parse_init(init));
  e.target = value_or_raise(parse_target(classify));
  // The levels as the CLI takes them: its defaults from the experiment's data where left None.
  const int dim = d.value_or(n);
  const DenoiserHandle over{Eigen::MatrixXd::Identity(dim, std::min(n, dim)), e.denoiser, nullptr};  // levels only: no denoiser
  e.flow = flow_options(over, kind, sigma_max, sigma_min, steps, grid, integrator, seed, sigma, time, flow_tol);
  std::atomic<bool> cancel{false};
  const bool long_call = static_cast<double>(inits) * e.flow.steps > kLongExperiment;
  const ExperimentRow row =
      value_or_raise(interruptible([&] { return run_orthogonal_experiment(e, {}, &cancel); }, cancel, long_call));
  py::dict out;
  out["n"] = row.n, out["d"] = row.d, out["inits"] = row.inits, out["flow"] = std::string(to_string(row.flow));
  for (EndClass c : {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold, EndClass::other})
    out[to_string(c)] = row.result.fraction(c);
  out["fallback_steps"] = row.report.fallback_steps;
  return out;
}
}  // namespace

void bind_experiment(py::module_& m) {
  m.def("experiment_orthogonal", &orthogonal, "n"_a = 30, "d"_a = py::none(), "inits"_a = 500, "kind"_a = "pf",
        "denoiser"_a = "minnorm", "alpha"_a = py::none(), "fallback"_a = py::none(), "bandwidth"_a = 0.1, "nodes"_a = 64,
        "init"_a = "uniform", "init_std"_a = 0.5, "tol"_a = kDefaultTolerance, "classify"_a = "endpoint",
        "sigma_max"_a = py::none(), "sigma_min"_a = py::none(), "steps"_a = 200, "grid"_a = "edm",
        "integrator"_a = "heun", "sigma"_a = py::none(), "time"_a = 200.0, "flow_tol"_a = 1e-10, "seed"_a = 1,
        "threads"_a = 0,
        "P1's experiment, as `flowlab experiment orthogonal` (the same numbers): `inits` particles from the hyperbox "
        "of n orthogonal unit points in R^d (d None: n) flow under the denoiser; returns the row {n, d, inits, flow, "
        "training, virtual, apex, manifold, other (fractions), fallback_steps}. classify: endpoint or denoised. "
        "Releases the GIL; Ctrl+C stops it between chunks of 512 particles.");
}

}  // namespace flowlab::python

#pragma once
// P1's experiment (Zeno et al. 2025, §5): orthogonal data x_n = u_n (d >= N),
// M initial points, a flow with the min-norm (or another) denoiser, and the
// fraction of endpoints in each class of classify.hpp. Repeated over N it
// gives the memorization-vs-N curve.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/analysis/classify.hpp"
#include "core/denoisers/factory.hpp"
#include "core/flows/flow.hpp"
#include "core/runtime/parallel.hpp"  // run_jobs, kExperimentChunk: the chunks are shared among threads

namespace flowlab {

enum class InitKind { uniform, gaussian };
Result<InitKind> parse_init(const std::string& s);

struct OrthogonalExperiment {
  int n = 30;
  int d = 0;                 // 0: d = n
  int inits = 500;
  DenoiserSpec denoiser;
  FlowOptions flow;          // sigma_max <= 0 picks the largest feasible level, sigma <= 0 a default
  InitKind init = InitKind::uniform;  // uniform: in the hyperbox prod [0, a_n] (in the data's span); gaussian: around the data mean
  double init_std = 0.5;     // gaussian: standard deviation
  double tol = kDefaultTolerance;  // classification tolerance tau
  Target target = Target::endpoint;  // classify y(sigma_min), or the denoised sample h_{sigma_min}(y)
  std::uint64_t seed = 1;
  int threads = 0;           // 0: every core (natively; the WASM build runs one)
  bool decoupled = false;    // pf with the closed form: the exact per-coordinate path (decoupled_flow.hpp), one thread
};

struct ExperimentRow {
  int n = 0, d = 0, inits = 0;
  FlowKind flow = FlowKind::pf;
  Classification result;
  FlowReport report;
};

// Fills the defaults a flow needs from the data (the largest feasible
// sigma_max for the closed form, rho = a/4 for the score flow).
FlowOptions resolve_flow_defaults(const FlowOptions& in, const DenoiserSpec& spec, Eigen::Index d, double min_gap);

// The levels a flow on data X (d by #N) takes where the user gives none (the CLI's and Python's
// defaults): sigma = gap/4/alpha (score, langevin: rho a quarter of the gap), sigma_max = 0.45
// gap/alpha for the closed form (its largest safely feasible level) and the data's diameter for
// the others, sigma_min = sigma_max/1000; a trained model: its own first and last levels. The gap:
// the closed form's smallest (min_gap), else the smallest distance between points.
FlowOptions default_flow_levels(const DenoiserSpec& spec, const Eigen::Ref<const Eigen::MatrixXd>& X);

// Initial particles, d by #M, for data X (d by #N) of orthogonal points.
Eigen::MatrixXd orthogonal_initial_points(const Eigen::Ref<const Eigen::MatrixXd>& X, const OrthogonalExperiment& e);

// The options of chunk c of run_in_chunks: the same but for the seed (sde, langevin: a stream per
// chunk), so that whoever steps the chunks itself draws the same noise.
FlowOptions chunk_options(const FlowOptions& opt, Eigen::Index c);

// Y (d by #P) is integrated in place; the report: the most steps, evaluations and fallback
// steps of any chunk, converged if all did. `progress` gets the fraction of chunks done. Once
// `cancel` (if given) is set, chunks not yet started are skipped and the result is an error.
Result<FlowReport> run_in_chunks(const Denoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y, int threads,
                                 const std::function<void(double)>& progress = {},
                                 const std::atomic<bool>* cancel = nullptr);

// `cancel`: as run_in_chunks's.
Result<ExperimentRow> run_orthogonal_experiment(const OrthogonalExperiment& e,
                                                const std::function<void(double)>& progress = {},
                                                const std::atomic<bool>* cancel = nullptr);

}  // namespace flowlab

#pragma once
// The papers' findings as experiments (issue: reproductions). Each returns the
// numbers a figure is drawn from; the CLI writes them as CSV and plots them.
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/analysis/classify.hpp"
#include "core/denoisers/denoiser.hpp"
#include "core/runtime/result.hpp"

namespace flowlab {

// P1 Thm 4.2: on orthogonal data x_n = e_n (N = d), every subset sum of size k is a
// stable fixed point of the score flow of the closed form; P1 counts how many stay
// stable for trained networks. A sum counts as stable when the score flow from it,
// perturbed by `perturbation` (uniform in each coordinate), ends within half the
// perturbation (l-inf) of it: the flow pulled it back. Sizes min_size..max_size; all subsets.
struct StabilityRow {
  int size = 0;
  long subsets = 0, stable = 0;
  bool diverged = false;  // some flows blew up (a trained network's linear tail): counted as unstable
};
struct StationaryOptions {
  int min_size = 1, max_size = 4;
  double perturbation = 0.02;  // per coordinate; small enough for trained networks at d = 30 (|.| ~ 0.06 < rho = 1/4)
  std::uint64_t seed = 1;
  int threads = 0;
};
// `den` must be a denoiser for N = d = den.dim() orthogonal points; its score flow runs at `sigma`.
Result<std::vector<StabilityRow>> stationary_points(const Denoiser& den, double sigma, const StationaryOptions& o);
// The closed form at rho = 1/4 (plateaus reach past any allowed perturbation).
Result<std::vector<StabilityRow>> stationary_points(int n, const StationaryOptions& o);
// The noise level the closed form's count runs at: rho = alpha sigma = 1/4 with alpha = sqrt(d).
double stationary_sigma(int n);

// P1: score flow against probability flow, and the probability flow's early
// stopping: class fractions from M points uniform in the hyperbox, orthogonal data N = d.
struct FlowFractions {
  const char* flow = "";
  double sigma_min = 0;  // pf; 0 for the score flow
  Classification result;
};
Result<std::vector<FlowFractions>> compare_flows(int n, int inits, const std::vector<double>& sigma_mins, int steps,
                                                 std::uint64_t seed, int threads = 0);

// P2: 1-D data; the min-norm denoiser and the empirical MMSE denoiser as functions
// (on a grid of y), and their test error E|h(x + sigma z) - x|^2 for held-out x drawn
// uniformly between the first and the last training point, per sigma.
struct Curves1d {
  Eigen::VectorXd y, minnorm, emmse;
};
Result<Curves1d> denoiser_curves_1d(const Eigen::Ref<const Eigen::MatrixXd>& X, double sigma, int samples);
struct TestError {
  double sigma = 0, minnorm = 0, emmse = 0;
};
Result<std::vector<TestError>> test_error_1d(const Eigen::Ref<const Eigen::MatrixXd>& X, const std::vector<double>& sigmas,
                                             int heldout, std::uint64_t seed);

// Gabriel et al.: the kernel-smoothed score memorizes less as its bandwidth grows:
// the fraction of probability-flow endpoints at training points, per bandwidth (0: the empirical score).
struct SmoothingRow {
  double bandwidth = 0;
  Classification result;
};
Result<std::vector<SmoothingRow>> smoothing_memorization(int n, int inits, const std::vector<double>& bandwidths,
                                                         int nodes, int steps, std::uint64_t seed, int threads = 0);

}  // namespace flowlab

#include "core/analysis/reproductions.hpp"

#include <algorithm>
#include <cmath>

#include "core/data/dataset.hpp"
#include "core/analysis/experiment.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/data/rng.hpp"

namespace flowlab {
namespace {
Eigen::MatrixXd identity_data(int n) { return make_orthogonal({n, n, 1.0, 1.0, false, 1}).value().points; }

Eigen::MatrixXd hyperbox_points(int n, int inits, std::uint64_t seed) {
  OrthogonalExperiment e;
  e.n = n;
  e.inits = inits;
  e.seed = seed;
  return orthogonal_initial_points(identity_data(n), e);
}

// All subsets of {0..n-1} of size k, in lexicographic order, as index lists.
void subsets(int n, int k, std::vector<std::vector<int>>& out) {
  std::vector<int> s(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) s[static_cast<std::size_t>(i)] = i;
  for (;;) {
    out.push_back(s);
    int i = k - 1;
    while (i >= 0 && s[static_cast<std::size_t>(i)] == n - k + i) --i;
    if (i < 0) return;
    ++s[static_cast<std::size_t>(i)];
    for (int j = i + 1; j < k; ++j) s[static_cast<std::size_t>(j)] = s[static_cast<std::size_t>(j - 1)] + 1;
  }
}
}  // namespace

double stationary_sigma(int n) { return 0.25 / default_alpha(n); }

Result<std::vector<StabilityRow>> stationary_points(const Denoiser& den, double sigma, const StationaryOptions& o) {
  const auto n = static_cast<int>(den.dim());
  if (n < 1 || o.min_size < 1 || o.max_size < o.min_size || o.max_size > n)
    return Error{"need 1 <= min size <= max size <= N"};
  if (!(o.perturbation > 0) || o.perturbation >= 0.25)
    return Error{"the perturbation must be in (0, 0.25) (the ramps' midpoints are at 1/2)"};
  if (auto s = den.check(sigma); !s) return Error{s.message()};
  FlowOptions opt;
  opt.kind = FlowKind::score;
  opt.sigma = sigma;
  opt.time = 200;
  opt.steps = 200;
  std::vector<StabilityRow> rows;
  Rng rng(o.seed);
  for (int k = o.min_size; k <= o.max_size; ++k) {
    std::vector<std::vector<int>> all;
    subsets(n, k, all);
    Eigen::MatrixXd V = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(all.size()));
    for (std::size_t j = 0; j < all.size(); ++j)
      for (int i : all[j]) V(i, static_cast<Eigen::Index>(j)) = 1.0;
    Eigen::MatrixXd Y(n, V.cols());
    rng.fill_uniform(Y, -o.perturbation, o.perturbation);
    Y += V;
    // A flow that diverges keeps its last finite positions, far from the sum: counted, as unstable.
    const bool diverged = !run_in_chunks(den, opt, Y, o.threads).is_ok();
    StabilityRow row;
    row.size = k;
    row.diverged = diverged;
    row.subsets = V.cols();
    for (Eigen::Index j = 0; j < V.cols(); ++j)
      if (Y.col(j).allFinite() && (Y.col(j) - V.col(j)).cwiseAbs().maxCoeff() < 0.5 * o.perturbation) ++row.stable;
    rows.push_back(row);
  }
  return rows;
}

Result<std::vector<StabilityRow>> stationary_points(int n, const StationaryOptions& o) {
  if (n < 1) return Error{"need N >= 1"};
  auto den = make_denoiser(identity_data(n), {"minnorm"});
  if (!den) return den.error();
  return stationary_points(*den.value(), stationary_sigma(n), o);
}

Result<std::vector<FlowFractions>> compare_flows(int n, int inits, const std::vector<double>& sigma_mins, int steps,
                                                 std::uint64_t seed, int threads) {
  if (n < 2 || inits < 1 || steps < 1) return Error{"need N >= 2, inits >= 1 and steps >= 1"};
  const Eigen::MatrixXd X = identity_data(n);
  auto den = make_denoiser(X, {"minnorm"});
  if (!den) return den.error();
  auto classifier = Classifier::create(X);
  if (!classifier) return classifier.error();
  const Eigen::MatrixXd Y0 = hyperbox_points(n, inits, seed);
  std::vector<FlowFractions> rows;
  const auto run = [&](FlowOptions opt, const char* name, double smin) -> Status {
    Eigen::MatrixXd Y = Y0;
    auto r = run_in_chunks(*den.value(), resolve_flow_defaults(opt, {"minnorm"}, n, 1.0), Y, threads);
    if (!r) return r.error();
    rows.push_back({name, smin, classifier.value().classify(Y)});
    return Status::ok();
  };
  FlowOptions score;
  score.kind = FlowKind::score;
  score.sigma = 0;  // rho = 1/4
  // Its own step: Heun's factor on a plateau is 1 - dt + dt^2/2, so dt = 2 (200 time over 100 steps)
  // would never settle; dt <= 1/2 does, and the flow stops once every particle has.
  score.steps = std::max(steps, static_cast<int>(2 * score.time));
  if (auto s = run(score, "score", 0.0); !s) return Error{s.message()};
  for (double smin : sigma_mins) {
    FlowOptions pf;
    pf.kind = FlowKind::pf;
    pf.sigma_max = 0;  // the largest safely feasible level
    pf.sigma_min = smin;
    pf.steps = steps;
    if (auto s = run(pf, "pf", smin); !s) return Error{"sigma_min = " + std::to_string(smin) + ": " + s.message()};
  }
  return rows;
}

Result<Curves1d> denoiser_curves_1d(const Eigen::Ref<const Eigen::MatrixXd>& X, double sigma, int samples) {
  if (X.rows() != 1) return Error{"the 1-D comparison needs 1-D data"};
  if (samples < 2) return Error{"need at least 2 samples"};
  auto mn = make_denoiser(X, {"minnorm"});
  if (!mn) return mn.error();
  auto em = make_denoiser(X, {"emmse"});
  if (!em) return em.error();
  if (auto s = mn.value()->check(sigma); !s) return Error{s.message()};
  const double lo = X.minCoeff(), hi = X.maxCoeff(), pad = 0.15 * (hi - lo);
  Curves1d c;
  c.y = Eigen::VectorXd::LinSpaced(samples, lo - pad, hi + pad);
  const Eigen::MatrixXd Y = c.y.transpose();
  c.minnorm = (*mn.value())(Y, sigma).transpose();
  c.emmse = (*em.value())(Y, sigma).transpose();
  return c;
}

Result<std::vector<TestError>> test_error_1d(const Eigen::Ref<const Eigen::MatrixXd>& X, const std::vector<double>& sigmas,
                                             int heldout, std::uint64_t seed) {
  if (X.rows() != 1) return Error{"the 1-D comparison needs 1-D data"};
  if (heldout < 1) return Error{"need at least one held-out point"};
  auto mn = make_denoiser(X, {"minnorm", 0.0, 0.1, 64, Fallback::clamp});
  if (!mn) return mn.error();
  auto em = make_denoiser(X, {"emmse"});
  if (!em) return em.error();
  Rng rng(seed);
  Eigen::MatrixXd x(1, heldout), z(1, heldout);
  rng.fill_uniform(x, X.minCoeff(), X.maxCoeff());  // between the first and the last training point
  rng.fill_normal(z);
  std::vector<TestError> rows;
  for (double sigma : sigmas) {
    if (!(sigma > 0)) return Error{"noise levels must be positive"};
    const Eigen::MatrixXd y = x + sigma * z;
    TestError r;
    r.sigma = sigma;
    r.minnorm = ((*mn.value())(y, sigma) - x).squaredNorm() / heldout;
    r.emmse = ((*em.value())(y, sigma) - x).squaredNorm() / heldout;
    rows.push_back(r);
  }
  return rows;
}

Result<std::vector<SmoothingRow>> smoothing_memorization(int n, int inits, const std::vector<double>& bandwidths,
                                                         int nodes, int steps, std::uint64_t seed, int threads) {
  if (n < 2 || inits < 1 || steps < 1) return Error{"need N >= 2, inits >= 1 and steps >= 1"};
  const Eigen::MatrixXd X = identity_data(n);
  auto classifier = Classifier::create(X);
  if (!classifier) return classifier.error();
  // Gaussian starts around the data mean, a probability flow from sigma = 1 (the data's scale) to 1e-3
  Eigen::MatrixXd Y0(n, inits);
  Rng rng(seed);
  rng.fill_normal(Y0);
  Y0 = (0.5 * Y0).colwise() + X.rowwise().mean();
  std::vector<SmoothingRow> rows;
  for (double b : bandwidths) {
    DenoiserSpec spec;
    spec.kind = b > 0 ? "ksmooth" : "emmse";
    spec.bandwidth = b;
    spec.nodes = nodes;
    auto den = make_denoiser(X, spec);
    if (!den) return den.error();
    FlowOptions pf;
    pf.sigma_max = 1.0;
    pf.sigma_min = 1e-3;
    pf.steps = steps;
    Eigen::MatrixXd Y = Y0;
    auto r = run_in_chunks(*den.value(), pf, Y, threads);
    if (!r) return r.error();
    rows.push_back({b, classifier.value().classify(Y)});
  }
  return rows;
}

}  // namespace flowlab

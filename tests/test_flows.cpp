#include <cmath>

#include "alloc_counter.hpp"
#include "core/analysis/classify.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/emmse.hpp"
#include "core/denoisers/factory.hpp"
#include "core/flows/flow.hpp"
#include "core/denoisers/minnorm.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
// Orthogonal data with unequal lengths, rotated, with directions to spare (d > N).
Dataset orthogonal_data() { return make_orthogonal({4, 6, 0.6, 1.8, true, 21}).value(); }

// Particles sum_n c_n x_n + off-span noise, coordinates c in [lo, hi], kept `margin` away from 1/2.
Eigen::MatrixXd starts(const Eigen::MatrixXd& X, int count, double lo, double hi, double margin, Rng& rng) {
  Eigen::MatrixXd C(X.cols(), count);
  for (Eigen::Index j = 0; j < count; ++j)
    for (Eigen::Index n = 0; n < X.cols(); ++n) {
      double c = 0.5;
      while (std::fabs(c - 0.5) < margin) c = rng.uniform(lo, hi);
      C(n, j) = c;
    }
  Eigen::MatrixXd noise(X.rows(), count);
  rng.fill_normal(noise);
  return X * C + 0.05 * noise;
}

// Exact probability flow of one ray-sum coordinate with plateaus at `plateaus`
// (DESIGN.md §1.2): on a plateau s - p shrinks like sigma; on a ramp the relative
// position q is conserved, s = start + q l + alpha sigma (1 - 2q).
double exact_pf_coordinate(double s, const std::vector<double>& plateaus, double alpha, double sT, double sigma) {
  const double rho = alpha * sT;
  for (double p : plateaus)
    if (std::fabs(s - p) <= rho) return p + (s - p) * sigma / sT;
  if (s < plateaus.front()) return plateaus.front() + (s - plateaus.front()) * sigma / sT;
  if (s > plateaus.back()) return plateaus.back() + (s - plateaus.back()) * sigma / sT;
  std::size_t k = 1;
  while (s > plateaus[k]) ++k;
  const double start = plateaus[k - 1], l = plateaus[k] - start;
  const double q = (s - start - rho) / (l - 2 * rho);
  return start + q * l + alpha * sigma * (1 - 2 * q);
}

// A denoiser that returns NaN below a noise level: to see divergence handled.
class BrokenDenoiser final : public Denoiser {
 public:
  Eigen::Index dim() const override { return 2; }
  std::string name() const override { return "broken"; }
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace&) const override {
    H = sigma < 0.5 ? Eigen::MatrixXd::Constant(Y.rows(), Y.cols(), NAN) : Eigen::MatrixXd(0.9 * Y);
  }
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>&, double, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace&) const override {
    out = 0.9 * V;
  }
};
}  // namespace

TEST_CASE("score flow: ends at the hyperbox vertex given by rounding each coordinate at a_n/2 (P1 Thm 4.3)") {
  const auto ds = orthogonal_data();
  const auto& X = ds.points;
  auto den = MinNormDenoiser::create(X, 1.0).value();
  Rng rng(3);
  const Eigen::MatrixXd Y0 = starts(X, 400, -0.4, 1.4, 0.03, rng);
  const Eigen::MatrixXd C0 = (X.transpose() * Y0).array().colwise() / X.colwise().squaredNorm().transpose().array();
  const Eigen::MatrixXd expect = X * (C0.array() > 0.5).cast<double>().matrix();
  for (Integrator method : {Integrator::adaptive, Integrator::heun, Integrator::rk4}) {
    CAPTURE(std::string(to_string(method)));
    FlowOptions opt;
    opt.kind = FlowKind::score;
    opt.integrator = method;
    opt.sigma = 0.2 * den.min_gap();  // rho = 0.2 * smallest length
    opt.steps = 2000;
    opt.time = 400;
    Eigen::MatrixXd Y = Y0;
    auto flow = Flow::create(den, opt, Y.cols());
    REQUIRE(flow.is_ok());
    const FlowReport r = flow.value().run(Y);
    CHECK(r.status.is_ok());
    CHECK(r.converged);
    CHECK_NEAR_MAT(Y, expect, 1e-8);
  }
}

TEST_CASE("score flow: the fixed points are the vertices (stable) and the ramp midpoints (unstable)") {
  const Eigen::MatrixXd X = orthogonal_data().points;
  auto den = MinNormDenoiser::create(X, 1.0).value();
  const double rho = 0.2 * den.min_gap();
  const int n = static_cast<int>(X.cols());
  Eigen::MatrixXd V(X.rows(), 1 << n);  // all 2^N subset sums
  for (int m = 0; m < (1 << n); ++m) {
    V.col(m).setZero();
    for (int k = 0; k < n; ++k)
      if (m >> k & 1) V.col(m) += X.col(k);
  }
  Workspace ws;
  Eigen::MatrixXd H(V.rows(), V.cols());
  den.apply_rho(V, rho, H, ws);
  CHECK_NEAR_MAT(H, V, 1e-12);  // every vertex is fixed

  // small perturbations flow back to the vertex: stable
  Rng rng(8);
  Eigen::MatrixXd P(V.rows(), V.cols());
  rng.fill_normal(P);
  Eigen::MatrixXd Y = V + 0.1 * rho * P;
  FlowOptions opt;
  opt.kind = FlowKind::score;
  opt.integrator = Integrator::adaptive;
  opt.sigma = rho;
  auto flow = Flow::create(den, opt, Y.cols());
  flow.value().run(Y);
  CHECK_NEAR_MAT(Y, V, 1e-8);

  // a point with some coordinate on a ramp is not fixed, except exactly at its midpoint a_n/2
  Eigen::MatrixXd mid = X.col(0) * 0.5, off = X.col(0) * 0.3;
  CHECK((den(mid, rho) - mid).norm() < 1e-12);
  CHECK((den(off, rho) - off).norm() > 1e-3);
  Eigen::MatrixXd nudged = X.col(0) * (0.5 + 1e-6);  // ... and the midpoint is unstable
  auto f2 = Flow::create(den, opt, 1);
  f2.value().run(nudged);
  CHECK((nudged - X.col(0)).norm() < 1e-8);
}

TEST_CASE("probability flow: the closed form's exact solution, to rounding, for every integrator") {
  const auto ds = orthogonal_data();
  const auto& X = ds.points;
  const double alpha = 2.0;
  auto den = MinNormDenoiser::create(X, alpha).value();
  const double sT = 0.45 * den.min_gap() / alpha, s0 = 1e-3;
  Rng rng(12);
  const Eigen::MatrixXd Y0 = starts(X, 300, -0.3, 1.3, 0.0, rng);
  // exact endpoint, coordinate by coordinate in the data's orthonormal frame
  const Eigen::MatrixXd U = X.array().rowwise() / X.colwise().norm().array();
  const Eigen::MatrixXd S = U.transpose() * Y0;
  Eigen::MatrixXd expect = (Y0 - U * S) * (s0 / sT);
  for (Eigen::Index j = 0; j < Y0.cols(); ++j)
    for (Eigen::Index n = 0; n < X.cols(); ++n)
      expect.col(j) += U.col(n) * exact_pf_coordinate(S(n, j), {0.0, X.col(n).norm()}, alpha, sT, s0);
  for (Integrator method : {Integrator::euler, Integrator::heun, Integrator::rk4, Integrator::adaptive}) {
    for (Grid grid : {Grid::edm, Grid::geometric}) {
      CAPTURE(std::string(to_string(method)));
      CAPTURE(std::string(to_string(grid)));
      FlowOptions opt;
      opt.kind = FlowKind::pf;
      opt.integrator = method;
      opt.grid = grid;
      opt.sigma_max = sT;
      opt.sigma_min = s0;
      opt.steps = 25;
      Eigen::MatrixXd Y = Y0;
      auto flow = Flow::create(den, opt, Y.cols());
      REQUIRE(flow.is_ok());
      flow.value().run(Y);
      CHECK_NEAR_MAT(Y, expect, 1e-9);
    }
  }
}

TEST_CASE("probability flow: ends at h_{rho_T}(y_T) as sigma_min -> 0, the error shrinking like sigma_min") {
  // 1-D data with several plateaus: the relative position on each ramp is conserved
  Eigen::MatrixXd X(1, 4);
  X << 0, 1, 2.5, 3;
  auto den = MinNormDenoiser::create(X, 1.0).value();
  const double sT = 0.2;
  Rng rng(2);
  Eigen::MatrixXd Y0(1, 500);
  rng.fill_uniform(Y0, -0.1, 3.1);  // beyond the end plateaus by at most rho_T / 2
  const Eigen::MatrixXd target = den(Y0, sT);
  double previous = INFINITY;
  for (double s0 : {1e-2, 1e-3, 1e-4, 1e-5}) {
    FlowOptions opt;
    opt.sigma_max = sT;
    opt.sigma_min = s0;
    opt.steps = 40;
    Eigen::MatrixXd Y = Y0;
    auto flow = Flow::create(den, opt, Y.cols());
    flow.value().run(Y);
    const double err = (Y - target).cwiseAbs().maxCoeff();
    CAPTURE(s0);
    CHECK(err <= 1.01 * s0);  // |s - h| <= alpha * sigma_min on ramps and plateaus (alpha = 1)
    CHECK(err < previous);
    previous = err;
  }
}

TEST_CASE("probability flow: measured integrator orders on the empirical MMSE flow (Euler 1, Heun 2, RK4 4)") {
  Eigen::MatrixXd X(1, 2);
  X << -1, 1;
  EmmseDenoiser den(X);
  Eigen::MatrixXd Y0(1, 5);
  Y0 << -2.5, -0.7, 0.1, 0.9, 3.0;
  auto endpoint = [&](Integrator m, int steps) {
    FlowOptions opt;
    opt.integrator = m;
    opt.grid = Grid::geometric;
    opt.sigma_max = 2.0;
    opt.sigma_min = 0.3;
    opt.steps = steps;
    Eigen::MatrixXd Y = Y0;
    auto flow = Flow::create(den, opt, Y.cols());
    flow.value().run(Y);
    return Y;
  };
  const Eigen::MatrixXd ref = endpoint(Integrator::rk4, 4000);
  const struct {
    Integrator m;
    double order;
  } cases[] = {{Integrator::euler, 1}, {Integrator::heun, 2}, {Integrator::rk4, 4}};
  for (const auto& c : cases) {
    CAPTURE(std::string(to_string(c.m)));
    const double e1 = (endpoint(c.m, 40) - ref).cwiseAbs().maxCoeff();
    const double e2 = (endpoint(c.m, 80) - ref).cwiseAbs().maxCoeff();
    CAPTURE(e1);
    CAPTURE(e2);
    CHECK(std::fabs(std::log2(e1 / e2) - c.order) < 0.3);
  }
}

TEST_CASE("probability flow with the empirical MMSE denoiser and small sigma_min memorizes: every particle ends at a training point") {
  const auto X = make_clusters({3, 3, 2, 3.0, 0.5, 6}).value().points;
  auto den = make_denoiser(X, {"emmse"}).value();
  Rng rng(1);
  Eigen::MatrixXd Y(2, 400);
  rng.fill_normal(Y);
  Y *= 4.0;
  FlowOptions opt;
  opt.sigma_max = 5.0;
  opt.sigma_min = 1e-3;
  opt.steps = 100;
  auto flow = Flow::create(*den, opt, Y.cols());
  flow.value().run(Y);
  const auto c = Classifier::create(X, 0.05).value().classify(Y);
  CHECK(c.counts[static_cast<int>(EndClass::training)] == 400);
}

TEST_CASE("flows: infeasible noise levels are an error unless a fallback is chosen, and fallback steps are counted") {
  const Eigen::MatrixXd X = orthogonal_data().points;
  FlowOptions opt;
  opt.sigma_max = 1.0;  // rho = sqrt(6) >> gaps
  opt.sigma_min = 1e-3;
  opt.steps = 50;
  auto strict = make_denoiser(X, {"minnorm"}).value();
  auto refused = Flow::create(*strict, opt, 10);
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.message().find("at noise level sigma = 1 of the grid") != std::string::npos);
  CHECK(refused.message().find("infeasible") != std::string::npos);
  for (Fallback f : {Fallback::clamp, Fallback::emmse}) {
    CAPTURE(std::string(to_string(f)));
    DenoiserSpec spec;
    spec.fallback = f;
    auto den = make_denoiser(X, spec).value();
    Rng rng(4);
    Eigen::MatrixXd Y(X.rows(), 50);
    rng.fill_normal(Y);
    auto flow = Flow::create(*den, opt, Y.cols());
    REQUIRE(flow.is_ok());
    const FlowReport r = flow.value().run(Y);
    CHECK(r.status.is_ok());
    CHECK(r.fallback_steps > 0);
    CHECK(r.fallback_steps < r.steps);
    CHECK(Y.allFinite());
  }
}

TEST_CASE("flows: divergence (NaN) stops the run with a message, keeping the last finite particles") {
  BrokenDenoiser den;
  FlowOptions opt;
  opt.integrator = Integrator::euler;
  opt.sigma_max = 1.0;
  opt.sigma_min = 0.1;
  opt.steps = 10;
  opt.grid = Grid::linear;
  Eigen::MatrixXd Y = Eigen::MatrixXd::Ones(2, 3);
  auto flow = Flow::create(den, opt, 3);
  const FlowReport r = flow.value().run(Y);
  REQUIRE_FALSE(r.status.is_ok());
  CHECK(r.status.message().find("diverged") != std::string::npos);
  CHECK(Y.allFinite());
  CHECK(r.steps < 10);
}

TEST_CASE("flows: the same seed gives identical particles — reverse SDE with the MMSE denoiser ends at training points") {
  const auto X = make_orthogonal({3, 3}).value().points;
  auto den = make_denoiser(X, {"emmse"}).value();
  FlowOptions opt;
  opt.kind = FlowKind::sde;
  opt.sigma_max = 2.0;
  opt.sigma_min = 1e-3;
  opt.steps = 300;
  auto run = [&](std::uint64_t seed) {
    opt.seed = seed;
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(3, 200);
    auto flow = Flow::create(*den, opt, Y.cols());
    flow.value().run(Y);
    return Y;
  };
  const Eigen::MatrixXd a = run(5), b = run(5), c = run(6);
  CHECK((a.array() == b.array()).all());
  CHECK((a - c).norm() > 1e-3);
  const auto cls = Classifier::create(X, 0.2).value().classify(a);
  CHECK(cls.counts[static_cast<int>(EndClass::training)] >= 190);
}

TEST_CASE("flows: the reverse SDE denoises at each step's own noise level, whatever the fixed sigma says") {
  // Euler-Maruyama from s_i to s_{i+1} uses h at s_i. The fixed sigma belongs to the score flow and
  // Langevin: an SDE that read it (here 5, where h is the data's mean) would end at the mean.
  // With the levels, every particle ends on a training point, within about the last level's noise.
  Eigen::MatrixXd X(2, 3);
  X << 0, 1, 0, 0, 0, 1;
  auto den = make_denoiser(X, {"emmse"}).value();
  FlowOptions opt;
  opt.kind = FlowKind::sde;
  opt.sigma = 5.0;
  opt.sigma_max = 1.0;
  opt.sigma_min = 1e-12;
  opt.steps = 200;
  Eigen::MatrixXd Y(2, 4);
  Y << 0.3, 0.6, -0.2, 0.9, 0.2, 0.7, 0.1, 0.05;
  auto flow = Flow::create(*den, opt, Y.cols()).value();
  flow.run(Y);
  for (Eigen::Index j = 0; j < Y.cols(); ++j) {
    double nearest = 1e300;
    for (Eigen::Index n = 0; n < X.cols(); ++n) nearest = std::min(nearest, (Y.col(j) - X.col(n)).norm());
    CAPTURE(j);
    CHECK(nearest < 1e-9);
  }
}

TEST_CASE("flows: after the first step, no step allocates on the heap") {
  if (!test::allocation_counting_supported()) {
    MESSAGE("allocation counting needs glibc without sanitizers; skipped here");
    return;
  }
  const Eigen::MatrixXd X = orthogonal_data().points;
  struct Case {
    const char* denoiser;
    FlowKind kind;
    Integrator integ;
  };
  const Case cases[] = {{"minnorm", FlowKind::pf, Integrator::heun},   {"minnorm", FlowKind::pf, Integrator::rk4},
                        {"minnorm", FlowKind::score, Integrator::adaptive}, {"emmse", FlowKind::sde, Integrator::euler},
                        {"ksmooth", FlowKind::pf, Integrator::euler}};
  for (const auto& c : cases) {
    CAPTURE(std::string(c.denoiser));
    CAPTURE(std::string(to_string(c.kind)));
    auto den = make_denoiser(X, {c.denoiser}).value();
    FlowOptions opt;
    opt.kind = c.kind;
    opt.integrator = c.integ;
    opt.sigma_max = 0.1;
    opt.sigma = 0.1;
    Eigen::MatrixXd Y = Eigen::MatrixXd::Constant(X.rows(), 1000, 0.3);
    auto flow = Flow::create(*den, opt, Y.cols()).value();
    flow.step(Y);
    test::CountAllocations counter;
    for (int i = 0; i < 5; ++i) flow.step(Y);
    CHECK(counter.count() == 0);
  }
}

#include "core/flows/decoupled_flow.hpp"
#include "core/flows/fused_flow.hpp"

namespace {
// A fast path of a probability flow against Flow: from Gaussian points around the
// data, Euler and Heun over the same grid, endpoints equal to `tol`.
template <class Fast>
void check_equals_flow(const Denoiser& den, const Eigen::MatrixXd& X, double sigma_max, Eigen::Index particles,
                       int steps, double tol, Fast&& fast) {
  Rng rng(8);
  Eigen::MatrixXd Y0(X.rows(), particles);
  rng.fill_normal(Y0);
  Y0 = (0.6 * Y0).colwise() + X.rowwise().mean();
  for (Integrator m : {Integrator::euler, Integrator::heun}) {
    CAPTURE(std::string(to_string(m)));
    FlowOptions opt;
    opt.integrator = m;
    opt.sigma_max = sigma_max;
    opt.sigma_min = 1e-3;
    opt.steps = steps;
    Eigen::MatrixXd full = Y0, quick = Y0;
    FlowOptions reference = opt;
    reference.fused = false;  // Eigen's separate passes
    auto flow = Flow::create(den, reference, full.cols());
    REQUIRE(flow.is_ok());
    flow.value().run(full);
    auto r = fast(opt, quick);
    REQUIRE(r.is_ok());
    CHECK(r.value().steps == steps);
    CHECK(r.value().evaluations == steps * (m == Integrator::heun ? 2 : 1));
    CHECK((quick - Y0).cwiseAbs().maxCoeff() > 0.1);  // the particles did move
    CHECK_NEAR_MAT(quick, full, tol);
  }
}

void check_decoupled(const Eigen::MatrixXd& X) {
  auto den = MinNormDenoiser::create(X, 1.0).value();
  REQUIRE(decouples(den));
  check_equals_flow(den, X, 0.4 * den.min_gap() / 2, 300, 150, 1e-9,
                    [&](const FlowOptions& opt, Eigen::MatrixXd& Y) { return run_decoupled_pf(den, opt, Y); });
}

void check_fused(const Denoiser& den, const Eigen::MatrixXd& X, double sigma_max, double tol, int steps = 120) {
  check_equals_flow(den, X, sigma_max, 37, steps, tol, [&](const FlowOptions& opt, Eigen::MatrixXd& Y) {
    REQUIRE(fused_applies(den, opt));
    return run_fused_pf(den, opt, Y);
  });
  // Flow's own fused path: one step at a time over the whole batch (the web app's frame loop).
  check_equals_flow(den, X, sigma_max, 37, steps, tol, [&](const FlowOptions& opt, Eigen::MatrixXd& Y) {
    auto flow = Flow::create(den, opt, Y.cols());
    REQUIRE(flow.is_ok());
    FlowReport r = flow.value().run(Y);
    return r.status ? Result<FlowReport>(r) : Result<FlowReport>(Error{r.status.message()});
  });
}
}  // namespace

TEST_CASE("flows: the decoupled probability flow on orthogonal rays equals the full one (Euler, Heun)") {
  SUBCASE("orthogonal, rotated, lengths 1..2, d > N") { check_decoupled(make_orthogonal({5, 8, 1.0, 2.0, true, 3}).value().points); }
  SUBCASE("right simplex (apex a data point)") { check_decoupled(make_simplex({3, 4, 90.0, 1.5, true, 2}).value().points); }
  SUBCASE("the same bits on one thread and on two") {
    const Eigen::MatrixXd X = make_orthogonal({7, 7, 1.0, 1.0, false, 1}).value().points;
    auto den = MinNormDenoiser::create(X, 1.0).value();
    FlowOptions opt;
    opt.sigma_max = 0.4 * den.min_gap() / 2;
    opt.sigma_min = 1e-3;
    Rng rng(2);
    Eigen::MatrixXd one(7, 600);
    rng.fill_uniform(one, 0.0, 1.0);
    Eigen::MatrixXd two = one;
    REQUIRE(run_decoupled_pf(den, opt, one, 1).is_ok());
    REQUIRE(run_decoupled_pf(den, opt, two, 2).is_ok());
    CHECK((one.array() == two.array()).all());
  }
  const Eigen::MatrixXd obtuse = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
  CHECK_FALSE(decouples(MinNormDenoiser::create(obtuse, 1.0).value()));
}

TEST_CASE("flows: the fused kernel's exp is std::exp to within 2 ulp over [-700, 0], and 0 below") {
  double worst = 0.0;
  for (int i = 0; i <= 200000; ++i) {  // steps of 0.0035: every reduced argument r in [-ln 2 / 2, ln 2 / 2]
    const double x = -700.0 * i / 200000.0;
    worst = std::max(worst, std::abs(fused_exp(x) - std::exp(x)) / std::exp(x));
  }
  CHECK(worst < 4.5e-16);
  CHECK(fused_exp(0.0) == 1.0);
  CHECK(fused_exp(-701.0) == 0.0);  // below e^-700 a weight is 0: no subnormals
  CHECK(fused_exp(-std::numeric_limits<double>::infinity()) == 0.0);  // padded units
}

TEST_CASE("flows: the fused probability flow equals Flow's (Euler, Heun; padded tiles, a partial block, any rays, MMSE)") {
  // Sizes off the tile and block widths on purpose: 7, 9 or 2 coordinates, 5, 7, 2 or 9 units (tiles
  // of 2 below 6), 37 particles.
  SUBCASE("closed form, orthogonal, rotated, d = 7 > N = 5") {
    const Eigen::MatrixXd X = make_orthogonal({5, 7, 1.0, 2.0, true, 3}).value().points;
    auto den = MinNormDenoiser::create(X, 1.0).value();
    check_fused(den, X, 0.4 * den.min_gap() / 2, 1e-9);
  }
  SUBCASE("closed form, orthogonal, rotated, d = 9 > N = 7 (the wide tiles, padded)") {
    const Eigen::MatrixXd X = make_orthogonal({7, 9, 1.0, 2.0, true, 5}).value().points;
    auto den = MinNormDenoiser::create(X, 1.0).value();
    check_fused(den, X, 0.4 * den.min_gap() / 2, 1e-9);
  }
  SUBCASE("closed form, obtuse simplex (rays not orthogonal)") {
    const Eigen::MatrixXd X = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
    auto den = MinNormDenoiser::create(X, 1.0).value();
    check_fused(den, X, 0.4 * den.min_gap() / 2, 1e-9);
  }
  SUBCASE("empirical MMSE, 9 points in d = 7 (its own exp)") {
    Rng rng(4);
    Eigen::MatrixXd X(7, 9);
    rng.fill_normal(X);
    const EmmseDenoiser den(X);
    check_fused(den, X, 2.0, 1e-9);       // the whole flow, down to the training points
    check_fused(den, X, 0.8, 1e-12, 2);   // two steps where the weights are mixed: the softmax itself
  }
  auto den = MinNormDenoiser::create(Eigen::MatrixXd::Identity(3, 3), 1.0).value();
  FlowOptions opt;
  opt.sigma_max = 0.2;
  opt.integrator = Integrator::rk4;
  CHECK_FALSE(fused_applies(den, opt));  // rk4 and the score flow go through Flow
  opt.integrator = Integrator::heun;
  opt.kind = FlowKind::score;
  CHECK_FALSE(fused_applies(den, opt));
  opt.kind = FlowKind::pf;
  opt.sigma_max = 2.0;  // infeasible for the closed form: Flow reports it
  CHECK_FALSE(fused_applies(den, opt));
}

// Inverse problems: the exact posterior of the empirical prior, the samplers measured against it,
// and the Jacobians that DPS steps through (core/inverse/inverse.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "core/denoisers/emmse.hpp"
#include "core/denoisers/fallback.hpp"
#include "core/inverse/inverse.hpp"
#include "core/denoisers/ksmooth.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/trained.hpp"

using namespace flowlab;

namespace {
// Four points in the plane: a triangle and the far corner of its square.
Eigen::MatrixXd square() {
  Eigen::MatrixXd X(2, 4);
  X << 0, 1, 0, 1, 0, 0, 1, 1;
  return X;
}

Measurement first_coordinate(double y, double s) {
  Measurement m;
  m.A = Eigen::MatrixXd(1, 2);
  m.A << 1, 0;
  m.y = Eigen::MatrixXd::Constant(1, 1, y);
  m.noise = s;
  return m;
}

double objective(const Denoiser& den, const Eigen::VectorXd& x, double sigma, const Eigen::MatrixXd& A,
                 const Eigen::VectorXd& y) {
  return (y - A * den(x, sigma)).squaredNorm();
}

// grad_x |y - A h(x)|^2 through the Jacobian against central differences, at random points.
void check_gradient(const Denoiser& den, double sigma, std::uint64_t seed, double lo = -0.3, double hi = 1.3) {
  const Eigen::Index d = den.dim();
  Rng rng(seed);
  Eigen::MatrixXd A(2, d), Xs(d, 20);
  rng.fill_normal(A);
  rng.fill_uniform(Xs, lo, hi);
  Eigen::VectorXd y(2);
  y << 0.4, -0.2;
  const Eigen::MatrixXd G = measurement_gradient(den, Xs, sigma, A, y);
  const double eps = 1e-6;
  for (Eigen::Index j = 0; j < Xs.cols(); ++j)
    for (Eigen::Index i = 0; i < d; ++i) {
      Eigen::VectorXd up = Xs.col(j), down = Xs.col(j);
      up(i) += eps, down(i) -= eps;
      const double fd = (objective(den, up, sigma, A, y) - objective(den, down, sigma, A, y)) / (2 * eps);
      CAPTURE(den.name());
      CAPTURE(j);
      CAPTURE(i);
      CHECK(G(i, j) == doctest::Approx(fd).epsilon(1e-5).scale(1.0));
    }
}

InverseOptions options(InverseMethod method, int samples, double smax, double smin, int steps) {
  InverseOptions o;
  o.method = method;
  o.samples = samples;
  o.sigma_max = smax, o.sigma_min = smin, o.steps = steps;
  o.seed = 7;
  return o;
}
}  // namespace

TEST_CASE("inverse: the exact posterior weights are the likelihood's, normalised") {
  const Eigen::MatrixXd X = square();
  const Measurement m = first_coordinate(0.3, 0.4);
  const Eigen::MatrixXd w = posterior_weights(X, m);
  REQUIRE(w.rows() == 4);
  CHECK(w.sum() == doctest::Approx(1.0));
  const double near = std::exp(-0.09 / 0.32), far = std::exp(-0.49 / 0.32), z = 2 * near + 2 * far;
  CHECK(w(0, 0) == doctest::Approx(near / z));
  CHECK(w(1, 0) == doctest::Approx(far / z));
  CHECK(w(2, 0) == doctest::Approx(near / z));
  CHECK(w(3, 0) == doctest::Approx(far / z));
  // A far measurement does not underflow: all the weight on the nearer side.
  const Eigen::MatrixXd w2 = posterior_weights(X, first_coordinate(-50.0, 0.01));
  CHECK(w2(0, 0) + w2(2, 0) == doctest::Approx(1.0));
}

TEST_CASE("inverse: DPS's gradient through each denoiser's Jacobian matches finite differences") {
  Eigen::MatrixXd X = Eigen::MatrixXd::Identity(3, 3);
  auto minnorm = MinNormDenoiser::create(X, 1.0).value();
  check_gradient(minnorm, 0.2, 1);
  check_gradient(EmmseDenoiser(X), 0.3, 2);
  check_gradient(KsmoothDenoiser(X, 0.2, 8), 0.3, 3);
  // Infeasible levels: the closed form clamped, or the MMSE in its place.
  check_gradient(GuardedMinNorm(minnorm, X, Fallback::clamp), 2.0, 4);
  check_gradient(GuardedMinNorm(minnorm, X, Fallback::emmse), 2.0, 5);
  // A trained model of two levels (the closed form's own networks), between them: the blend.
  auto model = std::make_shared<TrainedModel>();
  model->sigmas = {0.3, 0.1};
  model->nets = {minnorm.to_network(0.3), minnorm.to_network(0.1)};
  Rng rng(9);
  for (auto& net : model->nets) {  // a free linear part too, so J^T differs from J
    net.V = Eigen::MatrixXd(3, 3);
    rng.fill_normal(net.V);
    net.V *= 0.1;
  }
  const TrainedDenoiser trained(model);
  check_gradient(trained, 0.2, 6);
  check_gradient(trained, 0.3, 7);
}

TEST_CASE("inverse: the MMSE denoiser's fused DPS step (weights shared) is apply followed by vjp") {
  const Eigen::MatrixXd X = square();
  const EmmseDenoiser den(X);
  Rng rng(4);
  Eigen::MatrixXd Y(2, 600), A(1, 2), y(1, 600);
  rng.fill_uniform(Y, -0.5, 1.5);
  A << 0.6, -0.8;
  rng.fill_normal(y);
  for (const Eigen::MatrixXd& ys : {Eigen::MatrixXd(y), Eigen::MatrixXd(y.leftCols(1))}) {
    Workspace ws;
    Eigen::MatrixXd H(2, 600), G(2, 600), H2(2, 600), G2(2, 600);
    den.apply_guided(Y, 0.3, A, ys, H, G, ws);
    den.Denoiser::apply_guided(Y, 0.3, A, ys, H2, G2, ws);  // the generic path: apply, then vjp
    CHECK((H - H2).cwiseAbs().maxCoeff() == 0.0);
    CHECK((G - G2).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("inverse: exact sampling draws the training points with the posterior weights (chi-square, 4000 samples)") {
  const Eigen::MatrixXd X = square();
  const Measurement m = first_coordinate(0.3, 0.4);
  const Eigen::VectorXd w = posterior_weights(X, m).col(0);
  const EmmseDenoiser prior(X);
  const auto chi2 = [&](const PosteriorFit& f) {
    double sum = 0;
    for (Eigen::Index n = 0; n < 4; ++n) {
      const double expect = 4000 * w(n), seen = 4000 * f.share(n);
      sum += (seen - expect) * (seen - expect) / expect;
    }
    return sum;
  };
  for (FlowKind flow : {FlowKind::pf, FlowKind::sde}) {
    CAPTURE(std::string(to_string(flow)));
    InverseOptions o = options(InverseMethod::exact, 4000, 20.0, 1e-3, 200);
    o.flow = flow;
    const PosteriorFit f = posterior_fit(X, sample_posterior(X, prior, m, o, Eigen::MatrixXd()).value(), w);
    CHECK(f.off < 0.002);
    CHECK(chi2(f) < 16.27);  // 3 degrees of freedom, p = 0.001
    CHECK(f.tv < 0.03);
    // The test has the power to tell: the prior alone (unguided, w = 1/4 each) fails it by far.
    o.method = InverseMethod::dps, o.step = 0;
    CHECK(chi2(posterior_fit(X, sample_posterior(X, prior, m, o, Eigen::MatrixXd()).value(), w)) > 200);
  }
}

TEST_CASE("inverse: in the noiseless limit the samples land on the training points that fit the measurement") {
  const Eigen::MatrixXd X = square();
  const Measurement m = first_coordinate(0.0, 1e-3);  // x_1 = 0: points 0 and 2
  const EmmseDenoiser prior(X);
  for (InverseMethod method : {InverseMethod::exact, InverseMethod::dps, InverseMethod::mcg}) {
    CAPTURE(std::string(to_string(method)));
    const Eigen::MatrixXd S =
        sample_posterior(X, prior, m, options(method, 1000, 10.0, 1e-3, 200), Eigen::MatrixXd()).value();
    const PosteriorFit f = posterior_fit(X, S, posterior_weights(X, m));
    CHECK(f.share(0) + f.share(2) > 0.97);
    CHECK(f.share(0) > 0.3);
    CHECK(f.share(2) > 0.3);
  }
}

TEST_CASE("inverse: projection samples satisfy the measurement to the last noise level") {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Identity(3, 3);
  Measurement m;
  m.A = Eigen::MatrixXd(2, 3);
  m.A << 1, 0, 0, 0, 1, 1;
  m.y = Eigen::MatrixXd(2, 1);
  m.y << 0.2, 0.9;
  m.noise = 0.05;
  for (const char* kind : {"emmse", "minnorm"}) {
    CAPTURE(kind);
    std::unique_ptr<Denoiser> den;
    if (std::string(kind) == "emmse") den = std::make_unique<EmmseDenoiser>(X);
    else den = std::make_unique<GuardedMinNorm>(MinNormDenoiser::create(X, 1.0).value(), X, Fallback::emmse);
    const double smin = 1e-3;
    const Eigen::MatrixXd S =
        sample_posterior(X, *den, m, options(InverseMethod::projection, 500, 3.0, smin, 100), Eigen::MatrixXd()).value();
    const Eigen::MatrixXd residual = (m.A * S).colwise() - m.y.col(0);
    CHECK(residual.colwise().norm().maxCoeff() < 6 * smin);
  }
}

TEST_CASE("inverse: CCDF from a good estimate reaches the full run's distance to the posterior in 20 steps, not 200") {
  const Eigen::MatrixXd X = square();
  const Measurement m = first_coordinate(0.3, 0.4);
  const Eigen::MatrixXd w = posterior_weights(X, m);
  const EmmseDenoiser prior(X);
  const InverseOptions full = options(InverseMethod::dps, 2000, 20.0, 1e-3, 200);
  const double tv_full = posterior_fit(X, sample_posterior(X, prior, m, full, Eigen::MatrixXd()).value(), w).tv;
  InverseOptions ccdf = options(InverseMethod::dps, 2000, 0.5, 1e-3, 20);
  ccdf.init = InverseInit::estimate;
  Eigen::MatrixXd estimate(2, 1);
  estimate << 0.3, 0.5;  // A^+ y would give (0.3, 0): this one also guesses the unmeasured mean
  const double tv_ccdf = posterior_fit(X, sample_posterior(X, prior, m, ccdf, estimate).value(), w).tv;
  MESSAGE("TV to the exact posterior: DPS 200 steps from sigma 20 ", tv_full, ", CCDF 20 steps from sigma 0.5 ", tv_ccdf);
  CHECK(tv_ccdf <= tv_full + 0.03);
}

TEST_CASE("inverse: the samples do not depend on the thread count") {
  const Eigen::MatrixXd X = square();
  const EmmseDenoiser prior(X);
  InverseOptions o = options(InverseMethod::mcg, 1500, 5.0, 1e-2, 30);
  o.flow = FlowKind::sde;
  o.threads = 1;
  const Eigen::MatrixXd one = sample_posterior(X, prior, first_coordinate(0.3, 0.4), o, Eigen::MatrixXd()).value();
  o.threads = 2;
  const Eigen::MatrixXd two = sample_posterior(X, prior, first_coordinate(0.3, 0.4), o, Eigen::MatrixXd()).value();
  CHECK(one == two);
}

namespace {
// Finite above sigma 0.5, NaN below: a sampler that blows up.
class NanBelowHalf final : public Denoiser {
 public:
  Eigen::Index dim() const override { return 2; }
  std::string name() const override { return "nan"; }
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace&) const override {
    H = sigma < 0.5 ? Eigen::MatrixXd::Constant(Y.rows(), Y.cols(), NAN) : Eigen::MatrixXd(0.5 * Y);
  }
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>&, double, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace&) const override {
    out = 0.5 * V;
  }
};
}  // namespace

TEST_CASE("inverse: samples that stop being finite are an error that says what to change") {
  auto r = sample_posterior(square(), NanBelowHalf(), first_coordinate(0.3, 0.4),
                            options(InverseMethod::dps, 10, 2.0, 0.1, 10), Eigen::MatrixXd());
  REQUIRE(!r);
  CHECK(r.message().find("diverged") != std::string::npos);
  CHECK(r.message().find("--step") != std::string::npos);
}

TEST_CASE("inverse: bad shapes and levels are refused with the reason") {
  const Eigen::MatrixXd X = square();
  const EmmseDenoiser prior(X);
  Measurement m = first_coordinate(0.3, 0.4);
  m.A = Eigen::MatrixXd::Ones(1, 3);
  auto r = sample_posterior(X, prior, m, options(InverseMethod::dps, 10, 1, 0.1, 5), Eigen::MatrixXd());
  REQUIRE(!r);
  CHECK(r.message().find("d = 2") != std::string::npos);
  m = first_coordinate(0.3, 0.0);
  r = sample_posterior(X, prior, m, options(InverseMethod::dps, 10, 1, 0.1, 5), Eigen::MatrixXd());
  REQUIRE(!r);
  CHECK(r.message().find("noise s must be > 0") != std::string::npos);
  m = first_coordinate(0.3, 0.4);
  m.y = Eigen::MatrixXd::Zero(1, 3);
  r = sample_posterior(X, prior, m, options(InverseMethod::dps, 10, 1, 0.1, 5), Eigen::MatrixXd());
  REQUIRE(!r);
  CHECK(r.message().find("3 measurements") != std::string::npos);
  auto minnorm = MinNormDenoiser::create(X.leftCols(3), 1.0);
  REQUIRE(minnorm);
  r = sample_posterior(X.leftCols(3), minnorm.value(), first_coordinate(0.3, 0.4),
                       options(InverseMethod::dps, 10, 5.0, 0.1, 5), Eigen::MatrixXd());
  REQUIRE(!r);  // the closed form is infeasible at sigma 5, and no fallback was asked for
}

#include <cmath>

#include "core/data/dataset.hpp"
#include "core/analysis/experiment.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("experiment: the default levels follow the data's scale, however small") {
  for (double scale : {1e-12, 1e-6, 1.0}) {
    CAPTURE(scale);
    Eigen::MatrixXd X(2, 3);
    X << 0, scale, 0, 0, 0, scale;
    DenoiserSpec spec;
    spec.kind = "emmse";
    const FlowOptions f = default_flow_levels(spec, X);
    CHECK(f.sigma_max == doctest::Approx(std::sqrt(2.0) * scale).scale(0));  // the diameter (relative: scale 0)
    CHECK(f.sigma_min == doctest::Approx(f.sigma_max * 1e-3).scale(0));
  }
  DenoiserSpec spec;
  spec.kind = "emmse";
  CHECK(default_flow_levels(spec, Eigen::MatrixXd::Constant(2, 1, 2e-9)).sigma_max == doctest::Approx(2e-12).scale(0));  // one point
  CHECK(default_flow_levels(spec, Eigen::MatrixXd::Zero(2, 1)).sigma_max == 1e-3);
}

TEST_CASE("experiment: score flow from the hyperbox ends only at vertices — the fraction at training points falls as N grows") {
  double previous = 2.0;
  for (int n : {3, 4, 8}) {
    CAPTURE(n);
    OrthogonalExperiment e;
    e.n = n;
    e.inits = 1000;
    e.flow.kind = FlowKind::score;
    e.flow.integrator = Integrator::adaptive;
    e.flow.sigma = 0;  // default rho = 1/4
    auto r = run_orthogonal_experiment(e);
    REQUIRE(r.is_ok());
    const auto& c = r.value().result;
    CHECK(c.counts[static_cast<int>(EndClass::manifold)] == 0);
    CHECK(c.counts[static_cast<int>(EndClass::other)] == 0);
    // uniform starts round to each of the 2^N vertices with equal probability; N of them are training points
    const double p = n / std::pow(2.0, n);
    CHECK(std::fabs(c.fraction(EndClass::training) - p) < 4 * std::sqrt(p * (1 - p) / 1000) + 1e-3);
    CHECK(c.fraction(EndClass::training) < previous);
    previous = c.fraction(EndClass::training);
  }
}

TEST_CASE("experiment: the probability flow stops on the hyperbox (manifold points) where the score flow reaches vertices") {
  // From uniform starts, a coordinate stays on its ramp (q conserved) and is then
  // farther than tau from 0 and 1 with probability (1 - 2 rho_T)(1 - 2 tau).
  OrthogonalExperiment e;
  e.n = 3;
  e.inits = 1000;
  e.flow.kind = FlowKind::pf;
  const double rho_T = 0.25;
  e.flow.sigma_max = rho_T / std::sqrt(3.0);
  e.flow.sigma_min = 1e-5;
  auto pf = run_orthogonal_experiment(e);
  REQUIRE(pf.is_ok());
  const double p = 1 - std::pow(1 - (1 - 2 * rho_T) * (1 - 2 * e.tol), 3);
  CHECK(std::fabs(pf.value().result.fraction(EndClass::manifold) - p) < 4 * std::sqrt(p * (1 - p) / 1000));
  CHECK(pf.value().result.counts[static_cast<int>(EndClass::other)] == 0);
  e.d = 2;  // d < n is an error from the data generator
  CHECK_FALSE(run_orthogonal_experiment(e).is_ok());
}

TEST_CASE("experiment: the same endpoints bit for bit with 1, 2 or 3 threads (chunks fixed, sde included)") {
  const Eigen::MatrixXd X = make_orthogonal({4, 4, 1.0, 1.0, false, 1}).value().points;
  auto den = make_denoiser(X, {"minnorm"}).value();
  Rng rng(5);
  Eigen::MatrixXd Y0(4, 3 * kExperimentChunk + 17);  // four chunks, the last one short
  rng.fill_uniform(Y0, 0.0, 1.0);
  for (FlowKind kind : {FlowKind::pf, FlowKind::sde}) {
    CAPTURE(std::string(to_string(kind)));
    FlowOptions opt;
    opt.kind = kind;
    opt.sigma_max = 0.2;
    opt.steps = 40;
    std::vector<Eigen::MatrixXd> ends;
    for (int threads : {1, 2, 3}) {
      Eigen::MatrixXd Y = Y0;
      double last = 0;
      auto r = run_in_chunks(*den, opt, Y, threads, [&](double f) { last = f; });
      REQUIRE(r.is_ok());
      CHECK(r.value().steps == 40);
      CHECK(last == 1.0);
      ends.push_back(Y);
    }
    CHECK(ends[0] == ends[1]);
    CHECK(ends[0] == ends[2]);
    CHECK(ends[0] != Y0);
  }
}

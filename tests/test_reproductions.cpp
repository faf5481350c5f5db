#include "core/data/dataset.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/analysis/reproductions.hpp"
#include "core/denoisers/trained.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("reproductions: every subset sum of orthogonal data is a stable point of the score flow (P1 Thm 4.2)") {
  StationaryOptions o;
  o.max_size = 3;
  const auto rows = stationary_points(8, o).value();
  REQUIRE(rows.size() == 3);
  const long expected[] = {8, 28, 56};  // C(8, k)
  for (const auto& r : rows) {
    CAPTURE(r.size);
    CHECK(r.subsets == expected[r.size - 1]);
    CHECK(r.stable == r.subsets);
  }
  o.perturbation = 0.3;
  CHECK_FALSE(stationary_points(8, o).is_ok());  // past the midpoints: refused
}

TEST_CASE("reproductions: a network that is the closed form keeps every sum stable, as the closed form does") {
  // The count through the trained-network path (TrainedDenoiser) on the closed form's own
  // ReLU network (2 units per ray): P1's hyperbox, so all sums of 1..3 of 6 points.
  const int n = 6;
  const double sigma = stationary_sigma(n);
  auto closed = MinNormDenoiser::create(Eigen::MatrixXd::Identity(n, n), std::sqrt(double(n))).value();
  auto model = std::make_shared<TrainedModel>();
  model->sigmas = {sigma};
  model->nets = {closed.to_network(closed.alpha() * sigma)};
  model->last.resize(1);
  const TrainedDenoiser net(model);
  StationaryOptions o;
  o.max_size = 3;
  const auto rows = stationary_points(net, sigma, o).value();
  for (const auto& r : rows) CHECK(r.stable == r.subsets);
}

TEST_CASE("reproductions: the empirical MMSE keeps only the training points stable; a trained network keeps them too") {
  const int n = 4;
  const Eigen::MatrixXd X = Eigen::MatrixXd::Identity(n, n);
  StationaryOptions o;
  o.max_size = 3;
  const double sigma = stationary_sigma(n);
  // The memorizing denoiser: a perturbed pair sum falls to one of its points.
  auto emmse = make_denoiser(X, {"emmse"}).value();
  const auto mem = stationary_points(*emmse, sigma, o).value();
  CHECK(mem[0].stable == 4);
  CHECK(mem[1].stable == 0);
  CHECK(mem[2].stable == 0);
  // A network trained to interpolate the noisy samples (P1's method) holds the training points.
  TrainOptions t;
  t.sigma = sigma;
  t.trainer = "auglag";
  t.width = 16;
  t.samples = 20;
  t.epochs = 3000;
  t.lr = 3e-3;
  auto model = train_levels(X, t, {sigma});
  REQUIRE(model.is_ok());
  const TrainedDenoiser net(std::make_shared<TrainedModel>(std::move(model).value()));
  const auto rows = stationary_points(net, sigma, o).value();
  CHECK(rows[0].stable == 4);
  MESSAGE("trained, N = d = 4: pairs " << rows[1].stable << "/6, triples " << rows[2].stable << "/4");
}

TEST_CASE("reproductions: the score flow ends at vertices, the probability flow on the hyperbox, more so when stopped early") {
  const auto rows = compare_flows(10, 300, {1e-4, 2e-2}, 200, 3).value();
  REQUIRE(rows.size() == 3);
  CHECK(std::string(rows[0].flow) == "score");
  CHECK(rows[0].result.fraction(EndClass::manifold) == 0.0);
  CHECK(rows[0].result.fraction(EndClass::other) == 0.0);
  CHECK(rows[1].result.fraction(EndClass::manifold) > 0.3);  // none under the score flow
  CHECK(rows[2].result.fraction(EndClass::manifold) >= rows[1].result.fraction(EndClass::manifold));
  CHECK(rows[2].result.fraction(EndClass::virtual_point) <= rows[1].result.fraction(EndClass::virtual_point));
  // Few probability-flow steps (the web app's 100) leave the score flow's own step small enough to settle.
  const auto coarse = compare_flows(10, 100, {1e-4}, 100, 3).value();
  CHECK(coarse[0].result.fraction(EndClass::manifold) == 0.0);
}

TEST_CASE("reproductions: in 1-D the min-norm denoiser's test error falls with sigma, the empirical MMSE's does not (P2)") {
  const Eigen::MatrixXd X = make_points_1d({6, 1.0, 2.0, 4}).value().points;
  const auto c = denoiser_curves_1d(X, 0.05, 400).value();
  CHECK(c.y.size() == 400);
  CHECK((c.minnorm.array() >= X.minCoeff() - 1e-12).all());  // both map into the data's range
  CHECK((c.emmse.array() <= X.maxCoeff() + 1e-12).all());
  const auto e = test_error_1d(X, {0.2, 0.05, 0.01}, 2000, 5).value();
  REQUIRE(e.size() == 3);
  CHECK(e[1].minnorm < 0.5 * e[0].minnorm);
  CHECK(e[2].minnorm < 0.5 * e[1].minnorm);
  CHECK(e[2].minnorm < 2e-3);
  CHECK(e[2].emmse > 0.05);  // it snaps to the nearest training point: the error stays of order gap^2 / 12
  CHECK(e[2].emmse > 0.8 * e[0].emmse);
}

TEST_CASE("reproductions: the kernel-smoothed score memorizes less as its bandwidth grows") {
  const auto rows = smoothing_memorization(5, 200, {0.0, 0.2, 0.5}, 16, 100, 2).value();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].result.fraction(EndClass::training) > 0.95);  // the empirical score memorizes
  CHECK(rows[1].result.fraction(EndClass::training) < rows[0].result.fraction(EndClass::training));
  CHECK(rows[2].result.fraction(EndClass::training) < rows[1].result.fraction(EndClass::training));
}

TEST_CASE("reproductions: from the closed form's network, training finds a cheaper interpolant; its linear term decides the sums") {
  // A finding (N = d = 10, 50 samples uniform in each ball of radius 1/4): auglag started at the
  // hyperbox network (cost 40) interpolates at about 2/3 of its cost. With V y + c free the sums
  // all fall to training points; with V = 0 and c = 0 most pairs stay stable, as P1 reports.
  const int n = 10;
  const double sigma = stationary_sigma(n);
  const Eigen::MatrixXd X = Eigen::MatrixXd::Identity(n, n);
  auto closed = MinNormDenoiser::create(X, std::sqrt(double(n))).value();
  const ShallowNet start = closed.to_network(closed.alpha() * sigma);
  StationaryOptions so;
  so.max_size = 2;
  so.perturbation = 0.02;
  long pairs[2] = {};
  for (bool skip : {true, false}) {
    CAPTURE(skip);
    TrainOptions t;
    t.sigma = sigma;
    t.alpha = std::sqrt(double(n));
    t.trainer = "auglag";
    t.width = static_cast<int>(start.width());
    t.samples = 50;
    t.epochs = 3000;
    t.lr = 1e-3;
    t.skip = skip;
    auto model = train_levels(X, t, {sigma}, {}, &start);
    REQUIRE(model.is_ok());
    CHECK(model.value().last[0].interpolation < 0.01);
    CHECK(model.value().last[0].cost < 0.8 * closed.cost(closed.alpha() * sigma));
    const TrainedDenoiser net(std::make_shared<TrainedModel>(std::move(model).value()));
    const auto rows = stationary_points(net, sigma, so).value();
    CHECK(rows[0].stable == n);
    pairs[skip ? 0 : 1] = rows[1].stable;
  }
  MESSAGE("stable pairs of 45: with V y + c " << pairs[0] << ", without " << pairs[1]);
  CHECK(pairs[0] == 0);
  CHECK(pairs[1] >= 25);
}

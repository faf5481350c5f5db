#include <cmath>

#include "core/data/dataset.hpp"
#include "core/denoisers/minnorm.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
std::vector<Dataset> closed_form_geometries() {
  return {make_points_1d({5, 1.0, 3.0, 2}).value(),
          make_collinear({4, 3, 1.0, 2.0, 4}).value(),
          make_orthogonal({3, 3, 1.0, 1.0, false, 1}).value(),
          make_orthogonal({5, 8, 0.5, 2.0, true, 6}).value(),
          make_simplex({2, 2, 90.0, 1.0, false, 1}).value(),
          make_simplex({2, 2, 135.0, 1.3, true, 8}).value(),
          make_simplex({3, 4, 100.0, 1.0, true, 9}).value(),
          make_rays({3, 3, 3, 90.0, 1.0, 0.3, true, 11}).value()};
}
}  // namespace

TEST_CASE("minnorm: every point of each ball B(x_n, rho) maps to x_n (interpolation), for each geometry") {
  Rng rng(123);
  for (const auto& ds : closed_form_geometries()) {
    auto m = MinNormDenoiser::create(ds.points, 1.0);
    REQUIRE(m.is_ok());
    CAPTURE(m.value().geometry().kind);
    for (double frac : {0.1, 0.4, 0.499}) {
      const double rho = frac * m.value().min_gap();
      REQUIRE(m.value().check_rho(rho).is_ok());
      Workspace ws;
      for (Eigen::Index n = 0; n < ds.size(); ++n) {
        const Eigen::MatrixXd Y = test::points_in_ball(ds.points.col(n), rho, 300, rng);
        Eigen::MatrixXd H(Y.rows(), Y.cols());
        m.value().apply_rho(Y, rho, H, ws);
        CHECK_NEAR_MAT(H, ds.points.col(n).replicate(1, Y.cols()), 1e-12);
      }
    }
  }
}

TEST_CASE("minnorm: 1-D denoiser is the linear spline through the plateau ends") {
  Eigen::MatrixXd X(1, 3);
  X << 0, 2, 5;
  auto m = MinNormDenoiser::create(X, 1.0).value();
  const double rho = 0.5;
  Eigen::MatrixXd Y(1, 6), expect(1, 6);
  Y << -10, 1.0, 2.0 + 0.5 + 0.75, 3.5, 4.0, 100;
  // ramp from (rho, 0) to (2 - rho, 2): slope 2; ramp from (2.5, 2) to (4.5, 5): slope 1.5
  expect << 0, 1.0, 2 + 1.5 * 0.75, 3.5, 2 + 1.5 * 1.5, 5;
  Workspace ws;
  Eigen::MatrixXd H(1, 6);
  m.apply_rho(Y, rho, H, ws);
  CHECK_NEAR_MAT(H, expect, 1e-14);
}

TEST_CASE("minnorm: the output stays in the hyperbox prod [0, a_n] and in the data's span") {
  auto ds = make_orthogonal({4, 6, 0.5, 2.0, true, 3}).value();
  auto m = MinNormDenoiser::create(ds.points, 2.0).value();
  Rng rng(5);
  Eigen::MatrixXd Y(6, 2000);
  rng.fill_normal(Y);
  Y *= 3.0;
  const Eigen::MatrixXd H = m(Y, 0.1);
  // coordinates c_n = x_n.h / |x_n|^2 in [0, 1]; residual outside the span 0
  const Eigen::MatrixXd C = (ds.points.transpose() * H).array().colwise() / ds.points.colwise().squaredNorm().transpose().array();
  CHECK(C.minCoeff() >= -1e-12);
  CHECK(C.maxCoeff() <= 1 + 1e-12);
  CHECK((H - ds.points * C).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("minnorm: the network form (two ReLUs per unit) equals the formula, and its cost is sum 2l/(l-2rho)") {
  Rng rng(9);
  for (const auto& ds : closed_form_geometries()) {
    auto m = MinNormDenoiser::create(ds.points, 1.0).value();
    CAPTURE(m.geometry().kind);
    const double rho = 0.3 * m.min_gap();
    const ShallowNet net = m.to_network(rho);
    CHECK(net.width() == 2 * (ds.size() - (m.geometry().apex_point >= 0 ? 1 : 0)));
    Eigen::MatrixXd Y(ds.dim(), 500);
    rng.fill_normal(Y);
    Y *= 2.0;
    Workspace ws;
    Eigen::MatrixXd Hf(Y.rows(), Y.cols()), Hn(Y.rows(), Y.cols());
    m.apply_rho(Y, rho, Hf, ws);
    net.apply(Y, Hn, ws);
    CHECK_NEAR_MAT(Hf, Hn, 1e-12);
    double expect = 0.0;
    for (const auto& u : m.geometry().units()) expect += 2 * u.length / (u.length - 2 * rho);
    CHECK(m.cost(rho) == doctest::Approx(expect).epsilon(1e-14));
    CHECK(net.representation_cost() == doctest::Approx(expect).epsilon(1e-12));
    CHECK(net.cost() == doctest::Approx(expect).epsilon(1e-12));  // balanced: 1/2(|a|^2+|w|^2) = |a||w|
  }
}

TEST_CASE("minnorm: infeasible rho is reported with the gap, where it is, and what to change") {
  Eigen::MatrixXd X(2, 3);
  X << 0, 1, 0, 0, 0, 2;  // right triangle at the origin, gaps 1 and 2
  auto m = MinNormDenoiser::create(X, 2.0).value();
  CHECK(m.check_rho(0.49).is_ok());
  const Status s = m.check_rho(0.75);
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.message().find("2*rho = 1.5 is not below the gap 1 between point 1 (the apex) and point 2 (ray 1)") !=
        std::string::npos);
  CHECK(s.message().find("rho < 0.5 (sigma < 0.25 at alpha = 2)") != std::string::npos);
  CHECK_FALSE(m.check(0.3).is_ok());  // sigma 0.3 -> rho 0.6
  CHECK_FALSE(m.feasible(0.3));
  CHECK(m.feasible(0.2));
  CHECK_FALSE(MinNormDenoiser::create(X, -1.0).is_ok());
}

#include <cmath>

#include "core/data/dataset.hpp"
#include "core/denoisers/ksmooth.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("ksmooth: quadrature nodes are antithetic (mean exactly 0) with unit variance") {
  const Eigen::MatrixXd xi = quasi_normal_nodes(3, 512);
  CHECK(xi.cols() == 512);
  CHECK(xi.rowwise().sum().cwiseAbs().maxCoeff() < 1e-12);
  const Eigen::MatrixXd cov = xi * xi.transpose() / 512.0;
  CHECK((cov - Eigen::MatrixXd::Identity(3, 3)).cwiseAbs().maxCoeff() < 0.1);
  CHECK(quasi_normal_nodes(3, 64) == quasi_normal_nodes(3, 64));  // deterministic
}

TEST_CASE("ksmooth: bandwidth 0 is the empirical MMSE denoiser") {
  const auto X = make_clusters({2, 3, 2, 2.0, 0.4, 1}).value().points;
  KsmoothDenoiser ks(X, 0.0, 8);
  EmmseDenoiser em(X);
  Rng rng(4);
  Eigen::MatrixXd Y(2, 50);
  rng.fill_normal(Y);
  CHECK_NEAR_MAT(ks(Y, 0.3), em(Y, 0.3), 1e-12);
}

TEST_CASE("ksmooth: equals the average of the MMSE denoiser over the shifted nodes — smoothing pulls away from memorization") {
  Eigen::MatrixXd X(1, 2);
  X << -1, 1;
  const double b = 1.0, sigma = 0.1;
  KsmoothDenoiser ks(X, b, 32);
  EmmseDenoiser em(X);
  Eigen::MatrixXd y(1, 1);
  y << 0.3;
  double expect = 0;
  for (Eigen::Index q = 0; q < ks.nodes().cols(); ++q) {
    const Eigen::MatrixXd shifted = y.array() + b * ks.nodes()(0, q);
    expect += em(shifted, sigma)(0, 0);
  }
  expect /= static_cast<double>(ks.nodes().cols());
  CHECK(ks(y, sigma)(0, 0) == doctest::Approx(expect).epsilon(1e-12));
  // at the training point x = 1, the MMSE denoiser returns it (memorizes); the smoothed one is pulled inwards
  Eigen::MatrixXd x1(1, 1);
  x1 << 1.0;
  CHECK(em(x1, sigma)(0, 0) == doctest::Approx(1.0));
  CHECK(ks(x1, sigma)(0, 0) < 0.9);  // about 1 - 2 P(xi < -1)
  CHECK_FALSE(KsmoothDenoiser(X, -1.0).check(0.1).is_ok());
}

#include "core/denoisers/emmse.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/flows/streamlines.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("streamlines: straight to a single point, at the fixed arc length, then settling on it") {
  Eigen::MatrixXd X(2, 1);
  X << 1, 2;
  EmmseDenoiser den(X);  // one point: h = x, so F(y) = x - y
  Eigen::MatrixXd seeds(2, 3);
  seeds << 2, 1, 1.6, 2, 3, 2.8;  // at distance 1 from x
  Workspace ws;
  const int length = 30;
  const Eigen::MatrixXd L = trace_streamlines(den, 0.3, seeds, 0.1, length, ws);
  REQUIRE(L.cols() == 3 * (length + 1));
  for (int s = 0; s < 3; ++s) {
    CAPTURE(s);
    const Eigen::Vector2d dir = (X.col(0) - seeds.col(s)).normalized();
    double last = 1.0;
    for (int k = 0; k <= length; ++k) {
      const Eigen::Vector2d p = L.col(s * (length + 1) + k);
      const Eigen::Vector2d r = p - seeds.col(s);
      CHECK(std::abs(r.x() * dir.y() - r.y() * dir.x()) < 1e-12);  // on the segment
      const double dist = (X.col(0) - p).norm();
      if (k <= 9) CHECK(std::abs(dist - (1.0 - 0.1 * k)) < 1e-12);  // arc length 0.1 per step
      CHECK(dist <= last + 1e-15);
      last = dist;
    }
    CHECK(last < 0.1 * std::pow(0.5, 15));  // within a step: the distance halves each step
  }
}

TEST_CASE("streamlines: the score flow's lines end at the rounded hyperbox vertex (P1 Thm 4.3)") {
  const Eigen::Vector3d a(1.0, 1.5, 2.0);
  const Eigen::MatrixXd X = a.asDiagonal();  // orthogonal data, apex 0
  auto den = MinNormDenoiser::create(X, 1.0).value();
  Rng rng(5);
  Eigen::MatrixXd C(3, 200);
  rng.fill_uniform(C, -0.3, 1.3);
  C = (C.array() - 0.5).sign() * (C.array() - 0.5).abs().max(0.04) + 0.5;  // away from the unstable midpoints
  const Eigen::MatrixXd seeds = X * C;
  Workspace ws;
  const int length = 400;
  const Eigen::MatrixXd L = trace_streamlines(den, 0.2, seeds, 0.05, length, ws);
  const Eigen::MatrixXd expect = X * (C.array() > 0.5).cast<double>().matrix();
  Eigen::MatrixXd ends(3, seeds.cols());
  for (Eigen::Index s = 0; s < seeds.cols(); ++s) ends.col(s) = L.col(s * (length + 1) + length);
  CHECK_NEAR_MAT(ends, expect, 1e-8);
}

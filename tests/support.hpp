#pragma once
// Helpers shared by the tests: seeded random points, and matrix comparison
// that names the worst entry when it fails.
#include <sstream>
#include <string>

#include <Eigen/Core>
#include <doctest/doctest.h>

#include "core/data/rng.hpp"

namespace flowlab::test {

// #P points uniform in the ball B(centre, radius) in R^d.
inline Eigen::MatrixXd points_in_ball(const Eigen::VectorXd& centre, double radius, int count, Rng& rng) {
  const auto d = centre.size();
  Eigen::MatrixXd p(d, count);
  for (int j = 0; j < count; ++j) {
    Eigen::VectorXd z(d);
    rng.fill_normal(z);
    const double r = radius * std::pow(rng.uniform(), 1.0 / static_cast<double>(d));
    p.col(j) = centre + r * z.normalized();
  }
  return p;
}

// Largest |a - b| with the (row, col) where it happens, for failure messages.
inline std::string worst_entry(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::Index i = 0, j = 0;
  const double m = (a - b).cwiseAbs().maxCoeff(&i, &j);
  std::ostringstream s;
  s << "max |a-b| = " << m << " at (" << i << ", " << j << "): " << a(i, j) << " vs " << b(i, j);
  return s.str();
}

#define CHECK_NEAR_MAT(a, b, tol)                                 \
  do {                                                            \
    const Eigen::MatrixXd a_ = (a), b_ = (b);                     \
    REQUIRE(a_.rows() == b_.rows());                              \
    REQUIRE(a_.cols() == b_.cols());                              \
    INFO(::flowlab::test::worst_entry(a_, b_));                   \
    CHECK((a_ - b_).cwiseAbs().maxCoeff() <= (tol));              \
  } while (0)

}  // namespace flowlab::test

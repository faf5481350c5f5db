#include <cmath>

#include "core/data/dataset.hpp"
#include "core/denoisers/emmse.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
// Direct formula, one point at a time, in long double: the reference.
Eigen::MatrixXd emmse_reference(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double sigma) {
  Eigen::MatrixXd H(Y.rows(), Y.cols());
  for (Eigen::Index j = 0; j < Y.cols(); ++j) {
    std::vector<long double> l(static_cast<std::size_t>(X.cols()));
    long double mx = -INFINITY;
    for (Eigen::Index n = 0; n < X.cols(); ++n) {
      l[static_cast<std::size_t>(n)] = -static_cast<long double>((Y.col(j) - X.col(n)).squaredNorm()) / (2.0L * sigma * sigma);
      mx = std::max(mx, l[static_cast<std::size_t>(n)]);
    }
    long double z = 0;
    Eigen::VectorXd acc = Eigen::VectorXd::Zero(Y.rows());
    for (Eigen::Index n = 0; n < X.cols(); ++n) {
      const long double w = std::exp(l[static_cast<std::size_t>(n)] - mx);
      z += w;
      acc += static_cast<double>(w) * X.col(n);
    }
    H.col(j) = acc / static_cast<double>(z);
  }
  return H;
}
}  // namespace

TEST_CASE("emmse: matches the direct softmax formula across noise levels") {
  const auto X = make_clusters({3, 5, 3, 2.0, 0.5, 4}).value().points;
  EmmseDenoiser den(X);
  Rng rng(2);
  Eigen::MatrixXd Y(3, 700);  // more than one particle block
  rng.fill_normal(Y);
  Y *= 2.0;
  for (double sigma : {0.05, 0.3, 1.0, 5.0}) {
    CAPTURE(sigma);
    CHECK_NEAR_MAT(den(Y, sigma), emmse_reference(X, Y, sigma), 1e-9);
  }
}

TEST_CASE("emmse: no underflow at sigma = 1e-4 (nearest point) nor overflow at sigma = 1e4 (the mean)") {
  Eigen::MatrixXd X(2, 3);
  X << 0, 10, 0, 0, 0, 10;
  EmmseDenoiser den(X);
  Eigen::MatrixXd Y(2, 3);
  Y << 1, 9, 4, 1, 2, 7;  // nearest: x1, x2, x3
  const Eigen::MatrixXd small = den(Y, 1e-4);
  CHECK(small.allFinite());
  CHECK_NEAR_MAT(small, X, 1e-12);
  const Eigen::MatrixXd large = den(Y, 1e4);
  CHECK(large.allFinite());
  CHECK_NEAR_MAT(large, X.rowwise().mean().replicate(1, 3), 1e-4);  // off by O(|x|^3 / sigma^2)
  // a point equidistant from x_1 and x_2 at tiny sigma: their average, not NaN
  Eigen::MatrixXd mid(2, 1);
  mid << 5, 0;
  const Eigen::MatrixXd h = den(mid, 1e-4);
  CHECK(h(0, 0) == doctest::Approx(5.0));
  CHECK(h(1, 0) == doctest::Approx(0.0));
}

TEST_CASE("emmse: training points are fixed points at small sigma (memorization)") {
  const auto X = make_orthogonal({4, 4}).value().points;
  EmmseDenoiser den(X);
  CHECK_NEAR_MAT(den(X, 0.05), X, 1e-12);
}

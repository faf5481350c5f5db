#include <cmath>

#include "core/data/dataset.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("dataset: degenerate input is rejected, naming the point") {
  CHECK(validate_points(Eigen::MatrixXd(2, 0)).message().find("empty (N = 0)") != std::string::npos);
  Eigen::MatrixXd dup(2, 3);
  dup << 0, 1, 0, 0, 1, 0;
  CHECK(validate_points(dup).message().find("points 1 and 3 are the same point") != std::string::npos);
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(2, 2);
  bad(0, 1) = 1;
  bad(1, 1) = NAN;
  CHECK(validate_points(bad).message().find("point 2, coordinate 2 is not a finite number") != std::string::npos);
  CHECK(validate_points(Eigen::MatrixXd::Identity(3, 3)).is_ok());
}

TEST_CASE("dataset: duplicates are judged at the data's own scale (1e-12 of its largest coordinate)") {
  for (double scale : {1e-12, 1.0, 1e15}) {
    CAPTURE(scale);
    Eigen::MatrixXd X(2, 3);
    X << 0, scale, 0, 0, 0, scale;
    CHECK(validate_points(X).is_ok());  // a right angle at 1e-12 is as valid as one at 1
    X(0, 2) = X(0, 1) - 1e-13 * scale, X(1, 2) = 0;  // inside the coordinates' bound of 1e15
    CHECK(validate_points(X).message().find("points 2 and 3 are the same point") != std::string::npos);
  }
}

TEST_CASE("dataset: orthogonal points are orthogonal, with lengths in range, rotated or not") {
  for (bool rotate : {false, true}) {
    auto ds = make_orthogonal({5, 7, 0.5, 2.0, rotate, 42});
    REQUIRE(ds.is_ok());
    const auto& X = ds.value().points;
    const Eigen::MatrixXd G = X.transpose() * X;
    for (int i = 0; i < 5; ++i) {
      CHECK(G(i, i) >= 0.25 - 1e-12);
      CHECK(G(i, i) <= 4.0 + 1e-12);
      for (int j = 0; j < 5; ++j)
        if (i != j) CHECK(std::fabs(G(i, j)) < 1e-12);
    }
  }
  CHECK_FALSE(make_orthogonal({4, 3}).is_ok());
}

TEST_CASE("dataset: simplex edges meet at the requested angle") {
  for (double angle : {60.0, 90.0, 120.0}) {
    auto ds = make_simplex({2, 2, angle, 1.5, true, 3});
    REQUIRE(ds.is_ok());
    const auto& X = ds.value().points;
    const Eigen::VectorXd e1 = X.col(1) - X.col(0), e2 = X.col(2) - X.col(0);
    CHECK(e1.norm() == doctest::Approx(1.5));
    CHECK(std::acos(e1.dot(e2) / (e1.norm() * e2.norm())) * 180 / M_PI == doctest::Approx(angle));
  }
  auto impossible = make_simplex({3, 3, 150.0, 1.0});  // three edges cannot all meet at 150 degrees
  REQUIRE_FALSE(impossible.is_ok());
  CHECK(impossible.message().find("cannot meet pairwise") != std::string::npos);
}

TEST_CASE("dataset: generated coordinates within round-off of zero are zero (cos 90 degrees)") {
  const auto X = make_simplex({2, 2, 90.0, 1.0}).value().points;
  CHECK(X(0, 2) == 0.0);  // not 6.1e-17
  CHECK(X(1, 1) == 0.0);
  CHECK(X(1, 2) == 1.0);
}

TEST_CASE("dataset: generators are deterministic in their seed") {
  CHECK(make_clusters({3, 4, 2, 3.0, 0.3, 9}).value().points == make_clusters({3, 4, 2, 3.0, 0.3, 9}).value().points);
  CHECK(make_clusters({3, 4, 2, 3.0, 0.3, 9}).value().points != make_clusters({3, 4, 2, 3.0, 0.3, 10}).value().points);
  auto line = make_points_1d({6, 1.0, 2.0, 5});
  REQUIRE(line.is_ok());
  for (int n = 1; n < 6; ++n) {
    const double gap = line.value().points(0, n) - line.value().points(0, n - 1);
    CHECK(gap >= 1.0);
    CHECK(gap < 2.0);
  }
}

TEST_CASE("rng: normals have mean 0 and variance 1 — a rotation is orthogonal") {
  Rng rng(7);
  Eigen::MatrixXd z(1, 200000);
  rng.fill_normal(z);
  CHECK(std::fabs(z.mean()) < 0.01);
  CHECK(std::fabs(z.squaredNorm() / 200000 - 1.0) < 0.02);
  const Eigen::MatrixXd q = random_rotation(6, 3);
  CHECK((q.transpose() * q - Eigen::MatrixXd::Identity(6, 6)).cwiseAbs().maxCoeff() < 1e-12);
}

#include "core/data/projection.hpp"

TEST_CASE("projection: principal axes are orthonormal, ordered by variance, and find a planted plane") {
  Rng rng(3);
  Eigen::MatrixXd Z(6, 400);
  rng.fill_normal(Z);
  Z.row(1) *= 5.0;  // most variance along e_2, then e_5
  Z.row(4) *= 3.0;
  const Eigen::MatrixXd Q = random_rotation(6, 9);
  Eigen::VectorXd mean;
  const Eigen::MatrixXd A = principal_axes(Q * Z, 2, mean);
  CHECK((A * A.transpose() - Eigen::MatrixXd::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(std::fabs(A.row(0).dot(Q.col(1))) > 0.99);
  CHECK(std::fabs(A.row(1).dot(Q.col(4))) > 0.99);
}

TEST_CASE("projection: with fewer points than dimensions (images) the axes come from the Gram matrix, as from the scatter") {
  Rng rng(4);
  Eigen::MatrixXd Z(50, 12);  // 12 points in d = 50
  rng.fill_normal(Z);
  Z.row(7) *= 6.0;
  Z.row(30) *= 4.0;
  Eigen::VectorXd mean, mean_wide;
  const Eigen::MatrixXd A = principal_axes(Z, 2, mean);
  // the same points with as many copies as needed to make N >= d take the d x d path: the same axes
  Eigen::MatrixXd wide(50, 60);
  for (int c = 0; c < 5; ++c) wide.middleCols(12 * c, 12) = Z;
  const Eigen::MatrixXd B = principal_axes(wide, 2, mean_wide);
  CHECK((A * A.transpose() - Eigen::MatrixXd::Identity(2, 2)).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((A - B).cwiseAbs().maxCoeff() < 1e-9);
}

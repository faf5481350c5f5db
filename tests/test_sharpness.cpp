// The loss's Hessian-vector products (hessian.hpp) against finite differences of the gradient, the
// power iteration against a dense eigen-solve, and the smoothness measure against its definition.
#include <cmath>

#include <Eigen/Eigenvalues>

#include "core/data/dataset.hpp"
#include "core/networks/hessian.hpp"
#include "core/data/rng.hpp"
#include "core/networks/trainer.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
// A network part-way through training (residuals of every size, units on both sides of the samples).
struct Problem {
  Eigen::MatrixXd Y, T;
  Eigen::VectorXd theta;
  int K;
};

Problem problem(int d, int K, int samples, bool skip, int epochs = 50) {
  const Eigen::MatrixXd X = d == 1 ? Eigen::MatrixXd{{-1.0, 0.0, 1.0}} : make_simplex({d, d, 100.0, 1.0, false, 1}).value().points;
  TrainOptions o;
  o.trainer = "gd";
  o.lr = 0.02;
  o.width = K;
  o.samples = samples;
  o.sigma = 0.2;
  o.skip = skip;
  auto t = Trainer::create(X, o).value();
  t.run(epochs);
  REQUIRE(t.status().is_ok());
  Problem p{t.samples(), t.targets(), {}, K};
  auto H = LossHessian::create(p.Y, p.T, K, 0.0, skip).value();
  p.theta = H.pack(t.raw_net());
  return p;
}
}  // namespace

TEST_CASE("hessian: H v equals the central difference of the gradient along v (1-D and 2-D, with and without V y + c, with weight decay)") {
  for (int d : {1, 2})
    for (bool skip : {true, false})
      for (double lambda : {0.0, 0.3}) {
        CAPTURE(d);
        CAPTURE(skip);
        CAPTURE(lambda);
        const Problem p = problem(d, 6, 20, skip);
        auto H = LossHessian::create(p.Y, p.T, p.K, lambda, skip).value();
        Rng rng(7);
        Eigen::VectorXd v(H.size()), Hv, gp, gm;
        rng.fill_normal(v);
        if (!skip) v.tail(d * d + d).setZero();  // V and c are not weights then
        H.apply(p.theta, v, Hv);
        const double eps = 1e-6;
        H.gradient(p.theta + eps * v, gp);
        H.gradient(p.theta - eps * v, gm);
        const Eigen::VectorXd fd = (gp - gm) / (2 * eps);
        CHECK((Hv - fd).norm() <= 1e-6 * Hv.norm());
        CHECK(Hv.norm() > 1e-3);
        if (!skip) CHECK(Hv.tail(d * d + d).norm() == 0.0);
      }
}

TEST_CASE("hessian: the gradient is the derivative of the loss, and the Hessian is symmetric") {
  const Problem p = problem(2, 5, 15, true);
  auto H = LossHessian::create(p.Y, p.T, p.K, 0.1).value();
  Rng rng(3);
  Eigen::VectorXd u(H.size()), v(H.size()), g, g2, Hu, Hv;
  rng.fill_normal(u);
  rng.fill_normal(v);
  H.gradient(p.theta, g);
  const double eps = 1e-6;
  const double fd = (H.gradient(p.theta + eps * v, g2) - H.gradient(p.theta - eps * v, g2)) / (2 * eps);
  CHECK(std::abs(fd - g.dot(v)) <= 1e-6 * std::abs(g.dot(v)));
  H.apply(p.theta, u, Hu);
  H.apply(p.theta, v, Hv);
  CHECK(std::abs(u.dot(Hv) - v.dot(Hu)) <= 1e-10 * std::abs(u.dot(Hv)));
}

TEST_CASE("hessian: power iteration finds the dense eigen-solver's largest eigenvalue (a tiny network)") {
  for (int epochs : {0, 20, 400}) {
    CAPTURE(epochs);
    const Problem p = problem(1, 3, 4, true, epochs);
    auto H = LossHessian::create(p.Y, p.T, p.K, 0.0).value();
    const Eigen::Index n = H.size();
    REQUIRE(n == 11);  // W 3, b 3, A 3, V 1, c 1
    Eigen::MatrixXd dense(n, n);
    Eigen::VectorXd e, col;
    for (Eigen::Index i = 0; i < n; ++i) {
      e = Eigen::VectorXd::Unit(n, i);
      H.apply(p.theta, e, col);
      dense.col(i) = col;
    }
    CHECK((dense - dense.transpose()).cwiseAbs().maxCoeff() <= 1e-12 * dense.cwiseAbs().maxCoeff());
    const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(dense).eigenvalues();
    Eigen::VectorXd v;
    const Sharpness s = sharpness(H, p.theta, v, 5000, 1e-9);
    CHECK(s.converged);
    CHECK(s.value == doctest::Approx(eig.maxCoeff()).epsilon(1e-8));
    // The eigenvector it returns is one: H v = lambda v.
    H.apply(p.theta, v, col);
    CHECK((col - s.value * v).norm() <= 1e-6 * std::abs(s.value));
    // Warm-started from its own vector it agrees at once.
    const Sharpness again = sharpness(H, p.theta, v, 5000, 1e-9);
    CHECK(again.iterations <= 3);
    CHECK(again.value == doctest::Approx(s.value).epsilon(1e-8));
  }
}

TEST_CASE("hessian: far from a fit the spectrum reaches below 0, never further than lambda_max (so power iteration finds lambda_max)") {
  // The residual term pairs a_k with (w_k, b_k) only: a spectrum symmetric about 0, which the
  // Gauss-Newton term only raises. Random weights, large residuals (targets moved far away).
  const Problem p = problem(1, 3, 4, true, 0);
  auto H = LossHessian::create(p.Y, (p.T.array() + 20.0).matrix(), p.K, 0.0).value();
  const Eigen::Index n = H.size();
  Rng rng(11);
  for (int attempt = 0; attempt < 20; ++attempt) {
    CAPTURE(attempt);
    Eigen::VectorXd theta(n);
    rng.fill_normal(theta);
    theta *= 3.0;
    Eigen::MatrixXd dense(n, n);
    Eigen::VectorXd col;
    for (Eigen::Index i = 0; i < n; ++i) {
      H.apply(theta, Eigen::VectorXd::Unit(n, i), col);
      dense.col(i) = col;
    }
    const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(dense).eigenvalues();
    CHECK(eig.minCoeff() < -1.0);  // truly indefinite
    CHECK(-eig.minCoeff() <= eig.maxCoeff() * (1 + 1e-12));
    Eigen::VectorXd v;
    const Sharpness s = sharpness(H, theta, v, 100000, 1e-10);
    CHECK(s.value == doctest::Approx(eig.maxCoeff()).epsilon(1e-6));
  }
}

TEST_CASE("smoothness: sum_k |a_k||w_k| g(t_k) by its definition, 0 for kinks outside the data, and scale-free in the units' balance") {
  // Samples at 0, 1, 2, 3 (uniform): a kink at t = 1.5 sees P = 1/2 on each side, mean excess 1,
  // E[y | y > t] = 2.5 and E[y | y < t] = 0.5, so g = min(1/4 * 1 * sqrt(1 + 6.25), 1/4 * 1 * sqrt(1.25)).
  const Eigen::MatrixXd Y{{0.0, 1.0, 2.0, 3.0}};
  ShallowNet net;
  net.W = Eigen::MatrixXd{{2.0}, {1.0}};
  net.b = Eigen::VectorXd{{-3.0, -10.0}};  // kinks at 1.5 and 10 (outside)
  net.A = Eigen::MatrixXd{{0.5, 7.0}};
  net.V = Eigen::MatrixXd::Zero(1, 1);
  net.c = Eigen::VectorXd::Zero(1);
  const double g = std::min(0.25 * std::sqrt(1 + 6.25), 0.25 * std::sqrt(1.25));
  CHECK(stability_smoothness(net, Y) == doctest::Approx(0.5 * 2.0 * g));
  ShallowNet rescaled = net;  // the same function, another balance: the same measure
  rescaled.W.row(0) *= 4.0, rescaled.b(0) *= 4.0, rescaled.A.col(0) /= 4.0;
  CHECK(stability_smoothness(rescaled, Y) == doctest::Approx(stability_smoothness(net, Y)));
  CHECK(smoothness_bound(0.1) == doctest::Approx(4.5));
}

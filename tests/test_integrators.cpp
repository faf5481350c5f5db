#include <cmath>

#include "core/flows/integrators.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
// y' = y cos t, y(0) = y0: y(t) = y0 exp(sin t). A batch of 2 by 3 particles.
auto field = [](const Eigen::Ref<const Eigen::MatrixXd>& y, double t, Eigen::Ref<Eigen::MatrixXd> f) {
  f = y * std::cos(t);
};

Eigen::MatrixXd start() {
  Eigen::MatrixXd y0(2, 3);
  y0 << 1, -2, 0.5, 3, 0.1, -1;
  return y0;
}

double error_after(Integrator method, int steps, double T) {
  Eigen::MatrixXd y = start();
  OdeBuffers b;
  b.resize(2, 3, method);
  const double h = T / steps;
  for (int i = 0; i < steps; ++i) fixed_step(method, field, y, i * h, h, b);
  return (y - start() * std::exp(std::sin(T))).cwiseAbs().maxCoeff();
}
}  // namespace

TEST_CASE("integrators: measured orders are Euler 1, Heun 2, RK4 4") {
  const struct {
    Integrator method;
    double order;
  } cases[] = {{Integrator::euler, 1}, {Integrator::heun, 2}, {Integrator::rk4, 4}};
  for (const auto& c : cases) {
    CAPTURE(std::string(to_string(c.method)));
    const double e1 = error_after(c.method, 40, 2.0), e2 = error_after(c.method, 80, 2.0);
    const double measured = std::log2(e1 / e2);
    CAPTURE(measured);
    CHECK(std::fabs(measured - c.order) < 0.15);
  }
}

TEST_CASE("integrators: backwards steps (h < 0) work the same way") {
  Eigen::MatrixXd y = start() * std::exp(std::sin(2.0));
  OdeBuffers b;
  b.resize(2, 3, Integrator::rk4);
  for (int i = 0; i < 200; ++i) fixed_step(Integrator::rk4, field, y, 2.0 - i * 0.01, -0.01, b);
  CHECK_NEAR_MAT(y, start(), 1e-9);
}

TEST_CASE("integrators: adaptive Dormand-Prince meets its tolerance and lands exactly on t_end") {
  Eigen::MatrixXd y = start();
  OdeBuffers b;
  b.resize(2, 3, Integrator::adaptive);
  double t = 0, h = 0.1;
  bool fsal = false;
  int steps = 0;
  while (t < 5.0 && steps < 10000) {
    adaptive_step(field, y, t, h, 5.0, 1e-10, 1e-10, 1.0, b, fsal);
    ++steps;
  }
  CHECK(t == 5.0);
  CHECK_NEAR_MAT(y, start() * std::exp(std::sin(5.0)), 1e-8);
  CHECK(steps < 400);
}

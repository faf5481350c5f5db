#pragma once
// ODE steppers for a batch of particles, dY/dt = F(Y, t) with Y d by #P.
// Fixed steps (Euler: order 1, Heun: order 2, classical RK4: order 4) and an
// adaptive Dormand–Prince 5(4) pair with error control. All buffers live in
// OdeBuffers, sized once, so a step never allocates. `field(Y, t, F)` writes F.
#include <algorithm>
#include <cmath>
#include <string>

#include <Eigen/Core>

#include "core/runtime/result.hpp"

namespace flowlab {

enum class Integrator { euler, heun, rk4, adaptive };
Result<Integrator> parse_integrator(const std::string& s);
const char* to_string(Integrator i);
int evaluations_per_step(Integrator i);  // field evaluations of one fixed step (adaptive: 6 after the first)

struct OdeBuffers {
  Eigen::MatrixXd k[7];
  Eigen::MatrixXd tmp, next;
  void resize(Eigen::Index rows, Eigen::Index cols, Integrator method) {
    const int stages = method == Integrator::adaptive ? 7 : method == Integrator::rk4 ? 4 : 2;
    for (int s = 0; s < stages; ++s) k[s].resize(rows, cols);
    tmp.resize(rows, cols);
    next.resize(rows, cols);
  }
};

// One fixed step of size h (may be negative) from t; Y is updated in place.
template <class Field>
void fixed_step(Integrator method, Field&& field, Eigen::Ref<Eigen::MatrixXd> Y, double t, double h, OdeBuffers& b) {
  auto& k = b.k;
  field(Y, t, k[0]);
  switch (method) {
    case Integrator::euler:
      Y += h * k[0];
      return;
    case Integrator::heun:
      b.tmp = Y + h * k[0];
      field(b.tmp, t + h, k[1]);
      Y += (0.5 * h) * (k[0] + k[1]);
      return;
    default:  // rk4 (adaptive is handled by adaptive_step)
      b.tmp = Y + (0.5 * h) * k[0];
      field(b.tmp, t + 0.5 * h, k[1]);
      b.tmp = Y + (0.5 * h) * k[1];
      field(b.tmp, t + 0.5 * h, k[2]);
      b.tmp = Y + h * k[2];
      field(b.tmp, t + h, k[3]);
      Y += (h / 6.0) * (k[0] + 2.0 * k[1] + 2.0 * k[2] + k[3]);
      return;
  }
}

// Dormand–Prince 5(4): tries steps from t toward t_end (h signed) until one has
// scaled error <= 1, then advances Y and t; h becomes the proposed next step.
// After 64 rejections (NaN, or a field too stiff) Y and t are left as they were.
// `fsal` says k[0] already holds F(Y, t) (first-same-as-last); returns field evaluations used.
// |h| is capped at h_max: near a stable equilibrium the error estimate lets the
// step grow to the edge of the stability region, where decay stalls.
template <class Field>
int adaptive_step(Field&& field, Eigen::Ref<Eigen::MatrixXd> Y, double& t, double& h, double t_end, double rtol,
                  double atol, double h_max, OdeBuffers& b, bool& fsal) {
  static constexpr double c2 = 1 / 5.0, c3 = 3 / 10.0, c4 = 4 / 5.0, c5 = 8 / 9.0;
  static constexpr double a21 = 1 / 5.0;
  static constexpr double a31 = 3 / 40.0, a32 = 9 / 40.0;
  static constexpr double a41 = 44 / 45.0, a42 = -56 / 15.0, a43 = 32 / 9.0;
  static constexpr double a51 = 19372 / 6561.0, a52 = -25360 / 2187.0, a53 = 64448 / 6561.0, a54 = -212 / 729.0;
  static constexpr double a61 = 9017 / 3168.0, a62 = -355 / 33.0, a63 = 46732 / 5247.0, a64 = 49 / 176.0,
                          a65 = -5103 / 18656.0;
  static constexpr double b1 = 35 / 384.0, b3 = 500 / 1113.0, b4 = 125 / 192.0, b5 = -2187 / 6784.0, b6 = 11 / 84.0;
  static constexpr double e1 = 71 / 57600.0, e3 = -71 / 16695.0, e4 = 71 / 1920.0, e5 = -17253 / 339200.0,
                          e6 = 22 / 525.0, e7 = -1 / 40.0;
  auto& k = b.k;
  int evals = 0;
  if (!fsal) {
    field(Y, t, k[0]);
    ++evals;
    fsal = true;
  }
  for (int attempt = 0; attempt < 64; ++attempt) {
    if (std::fabs(h) > h_max) h = std::copysign(h_max, h);
    if ((t + h - t_end) * h > 0) h = t_end - t;
    b.tmp = Y + h * a21 * k[0];
    field(b.tmp, t + c2 * h, k[1]);
    b.tmp = Y + h * (a31 * k[0] + a32 * k[1]);
    field(b.tmp, t + c3 * h, k[2]);
    b.tmp = Y + h * (a41 * k[0] + a42 * k[1] + a43 * k[2]);
    field(b.tmp, t + c4 * h, k[3]);
    b.tmp = Y + h * (a51 * k[0] + a52 * k[1] + a53 * k[2] + a54 * k[3]);
    field(b.tmp, t + c5 * h, k[4]);
    b.tmp = Y + h * (a61 * k[0] + a62 * k[1] + a63 * k[2] + a64 * k[3] + a65 * k[4]);
    field(b.tmp, t + h, k[5]);
    b.next = Y + h * (b1 * k[0] + b3 * k[2] + b4 * k[3] + b5 * k[4] + b6 * k[5]);
    field(b.next, t + h, k[6]);
    evals += 6;
    b.tmp = h * (e1 * k[0] + e3 * k[2] + e4 * k[3] + e5 * k[4] + e6 * k[5] + e7 * k[6]);
    const double err =
        (b.tmp.array().abs() / (atol + rtol * Y.array().abs().max(b.next.array().abs()))).maxCoeff();
    const double factor = err > 0 ? std::clamp(0.9 * std::pow(err, -0.2), 0.2, 5.0) : 5.0;
    if (err <= 1.0) {
      Y = b.next;
      t += h;
      k[0].swap(k[6]);  // FSAL: F at the new point
      h *= factor;
      return evals;
    }
    h *= std::isfinite(err) ? factor : 0.2;
  }
  return evals;
}

}  // namespace flowlab

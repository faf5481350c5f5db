#include "core/flows/decoupled_flow.hpp"

#include <algorithm>
#include <vector>

#include "core/runtime/parallel.hpp"
#include "core/flows/schedule.hpp"

namespace flowlab {

bool decouples(const MinNormDenoiser& den) {
  const Eigen::MatrixXd& V = den.directions();
  return V.cols() > 0 &&
         ((V.transpose() * V) - Eigen::MatrixXd::Identity(V.cols(), V.cols())).cwiseAbs().maxCoeff() < 1e-12;
}

Result<FlowReport> run_decoupled_pf(const MinNormDenoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y,
                                    int threads) {
  if (opt.kind != FlowKind::pf) return Error{"the decoupled flow is the probability flow only"};
  if (opt.integrator != Integrator::euler && opt.integrator != Integrator::heun)
    return Error{"the decoupled flow integrates with euler or heun"};
  if (!decouples(den)) return Error{"the decoupled flow needs orthonormal ray directions (orthogonal data)"};
  if (Y.rows() != den.dim()) return Error{"the particles' dimension is not the data's"};
  auto grid = noise_grid(opt.grid, opt.sigma_max, opt.sigma_min, opt.steps);
  if (!grid) return grid.error();
  if (auto s = den.check(opt.sigma_max); !s) return Error{s.message()};
  const std::vector<double>& sg = grid.value();
  const Eigen::MatrixXd& V = den.directions();
  const Eigen::VectorXd a = V.transpose() * den.apex();
  const Eigen::VectorXd apex_perp = den.apex() - V * a;
  Eigen::MatrixXd S = Y.transpose() * V;             // #P by #U coordinates, once (a unit per column)
  Eigen::MatrixXd Q = Y - V * S.transpose();          // the orthogonal rest...
  Q.colwise() -= apex_perp;                           // ...relative to the apex's: scales by one factor per step
  const bool heun = opt.integrator == Integrator::heun;
  const double alpha = den.alpha();
  // Each coordinate is a scalar ODE: integrate a block of particles of one unit through every
  // step while it sits in L1 (the steps' constants are per unit and level, computed once).
  // Units are independent: threads take them in turn, and the result does not depend on how many.
  const std::size_t steps = sg.size() - 1;
  std::vector<double> inv(sg.size());
  for (std::size_t i = 0; i < sg.size(); ++i) inv[i] = 1.0 / sg[i];
  run_jobs(threads, S.cols(), [&](Eigen::Index u) {
    std::vector<double> shift(sg.size()), slope(sg.size());
    for (std::size_t i = 0; i < sg.size(); ++i) {
      const MinNormDenoiser::Ramp r = den.ramp(u, alpha * sg[i]);
      shift[i] = r.shift;
      slope[i] = r.slope;
    }
    const double l = den.ramp(u, 0.0).length, au = a(u);
    constexpr Eigen::Index kBlock = 256;
    double y[kBlock];
    double* col = S.col(u).data();
    for (Eigen::Index j0 = 0; j0 < S.rows(); j0 += kBlock) {
      const Eigen::Index nb = std::min(kBlock, S.rows() - j0);
      std::copy_n(col + j0, nb, y);
      for (std::size_t i = 0; i < steps; ++i) {
        const double dt = sg[i + 1] - sg[i];
        // -(a + G(s) - s)/sigma, G the unit's ramp; the level's constants in locals and
        // branch-free loops, so they vectorise
        const double sh0 = shift[i], sl0 = slope[i], iv0 = inv[i];
        const double sh1 = shift[i + 1], sl1 = slope[i + 1], iv1 = inv[i + 1], half = 0.5 * dt;
        if (heun) {
          for (Eigen::Index j = 0; j < nb; ++j) {
            const double s = y[j];
            const double k1 = (s - std::min(std::max((s - sh0) * sl0, 0.0), l) - au) * iv0, ye = s + dt * k1;
            y[j] = s + half * (k1 + (ye - std::min(std::max((ye - sh1) * sl1, 0.0), l) - au) * iv1);
          }
        } else {
          for (Eigen::Index j = 0; j < nb; ++j) {
            const double s = y[j];
            y[j] = s + dt * ((s - std::min(std::max((s - sh0) * sl0, 0.0), l) - au) * iv0);
          }
        }
      }
      std::copy_n(y, nb, col + j0);
    }
  });
  FlowReport r;
  double factor = 1.0;
  for (std::size_t i = 0; i < steps; ++i) {
    const double s0 = sg[i], dt = sg[i + 1] - s0;
    factor *= heun ? 1.0 + 0.5 * dt * (1.0 / s0 + (1.0 + dt / s0) / sg[i + 1]) : 1.0 + dt / s0;
    r.evaluations += heun ? 2 : 1;
    ++r.steps;
  }
  r.t = sg.back();
  Y = V * S.transpose() + factor * Q;
  Y.colwise() += apex_perp;
  if (!Y.allFinite()) return Error{"the decoupled flow diverged (NaN or inf)"};
  return r;
}

}  // namespace flowlab

#include "decoupled_flow.hpp"

#include "schedule.hpp"

namespace flowlab {

bool decouples(const MinNormDenoiser& den) {
  const Eigen::MatrixXd& V = den.directions();
  return V.cols() > 0 &&
         ((V.transpose() * V) - Eigen::MatrixXd::Identity(V.cols(), V.cols())).cwiseAbs().maxCoeff() < 1e-12;
}

Result<FlowReport> run_decoupled_pf(const MinNormDenoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y) {
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
  Eigen::MatrixXd G(S.rows(), S.cols()), K1(S.rows(), S.cols()), Se(S.rows(), S.cols());
  const Eigen::RowVectorXd at = a.transpose();
  const bool heun = opt.integrator == Integrator::heun;
  const double alpha = den.alpha();
  FlowReport r;
  double factor = 1.0;
  for (std::size_t i = 0; i + 1 < sg.size(); ++i) {
    const double s0 = sg[i], s1 = sg[i + 1], dt = s1 - s0;
    den.ramps(S, alpha * s0, G);
    K1 = ((S - G).rowwise() - at) / s0;  // -(a + G - s)/sigma
    if (heun) {
      Se = S + dt * K1;
      den.ramps(Se, alpha * s1, G);
      S += (0.5 * dt) * (K1 + ((Se - G).rowwise() - at) / s1);
      factor *= 1.0 + 0.5 * dt * (1.0 / s0 + (1.0 + dt / s0) / s1);
    } else {
      S += dt * K1;
      factor *= 1.0 + dt / s0;
    }
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

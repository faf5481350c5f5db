// The closed form's construction and what is read from it once per scene or per step, never per
// particle: the feasibility checks, the cost, the network (the GPU's form). Apart from minnorm.cpp
// (the evaluations, over every particle) so that the page can compile this part for size.
#include "core/denoisers/minnorm.hpp"

#include <cmath>

#include "core/data/csv.hpp"

namespace flowlab {

Result<MinNormDenoiser> MinNormDenoiser::create(const Eigen::Ref<const Eigen::MatrixXd>& X, double alpha) {
  if (!(alpha > 0) || !std::isfinite(alpha)) return Error{"alpha must be a positive number (got " + format_number(alpha) + ")"};
  auto g = detect_ray_geometry(X);
  if (!g) return g.error();
  return MinNormDenoiser(std::move(g).value(), alpha);
}

MinNormDenoiser::MinNormDenoiser(RayGeometry g, double alpha)
    : geometry_(std::move(g)), alpha_(alpha), min_gap_(geometry_.min_gap()) {
  apex_ = geometry_.apex;
  const auto units = geometry_.units();
  const auto nu = static_cast<Eigen::Index>(units.size());
  dirs_.resize(apex_.size(), nu);
  offset_.resize(nu);
  length_.resize(nu);
  for (Eigen::Index k = 0; k < nu; ++k) {
    const auto& u = units[static_cast<std::size_t>(k)];
    dirs_.col(k) = geometry_.rays[static_cast<std::size_t>(u.ray)].dir;
    offset_(k) = dirs_.col(k).dot(apex_) + u.start;
    length_(k) = u.length;
  }
  dirs_t_ = dirs_.transpose();
}

Status MinNormDenoiser::check_rho(double rho) const {
  if (!(rho >= 0) || !std::isfinite(rho)) return Error{"rho must be a number >= 0 (got " + format_number(rho) + ")"};
  const double gap = min_gap();
  if (2.0 * rho >= gap)
    return Error{"the min-norm closed form is infeasible at rho = " + format_number(rho) + ": 2*rho = " +
                 format_number(2.0 * rho) + " is not below the gap " + format_number(gap) + " " +
                 geometry_.min_gap_where() + ". Use rho < " + format_number(gap / 2) + " (sigma < " +
                 format_number(gap / (2 * alpha_)) + " at alpha = " + format_number(alpha_) +
                 "), or choose a fallback (clamp or emmse)"};
  return Status::ok();
}

Status MinNormDenoiser::check(double sigma) const {
  if (!(sigma >= 0) || !std::isfinite(sigma)) return Error{"sigma must be a number >= 0 (got " + format_number(sigma) + ")"};
  return check_rho(alpha_ * sigma);
}

double MinNormDenoiser::cost(double rho) const {
  return (2.0 * length_.array() / (length_.array() - 2.0 * rho)).sum();
}

DenoiserForm MinNormDenoiser::form(double sigma) const {
  DenoiserForm f;
  f.kind = DenoiserForm::Kind::network;
  f.net = to_network(alpha_ * sigma);
  return f;
}

ShallowNet MinNormDenoiser::to_network(double rho) const {
  const Eigen::Index nu = dirs_.cols(), d = dim();
  ShallowNet net;
  net.W.resize(2 * nu, d);
  net.b.resize(2 * nu);
  net.A.resize(d, 2 * nu);
  net.V = Eigen::MatrixXd::Zero(d, d);
  net.c = apex_;
  for (Eigen::Index k = 0; k < nu; ++k) {
    // m[s - o]_+ - m[s - o - (l - 2 rho)]_+ with s = v.y, o = the ramp's shift, m its slope.
    const Ramp r = ramp(k, rho);
    net.W.row(2 * k) = dirs_.col(k).transpose();
    net.W.row(2 * k + 1) = dirs_.col(k).transpose();
    net.b(2 * k) = -r.shift;
    net.b(2 * k + 1) = -(r.shift + r.length - 2.0 * rho);
    net.A.col(2 * k) = r.slope * dirs_.col(k);
    net.A.col(2 * k + 1) = -r.slope * dirs_.col(k);
  }
  net.rebalance();
  return net;
}

}  // namespace flowlab

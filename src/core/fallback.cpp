#include "fallback.hpp"

#include <cmath>

#include "csv.hpp"

namespace flowlab {

Result<Fallback> parse_fallback(const std::string& s) {
  if (s == "none") return Fallback::none;
  if (s == "clamp") return Fallback::clamp;
  if (s == "emmse") return Fallback::emmse;
  return Error{"unknown fallback '" + s + "' (expected clamp or emmse)"};
}

const char* to_string(Fallback f) {
  switch (f) {
    case Fallback::clamp: return "clamp";
    case Fallback::emmse: return "emmse";
    default: return "none";
  }
}

GuardedMinNorm::GuardedMinNorm(MinNormDenoiser minnorm, const Eigen::Ref<const Eigen::MatrixXd>& X, Fallback policy,
                               double safe_fraction)
    : minnorm_(std::move(minnorm)), emmse_(X), policy_(policy), safe_fraction_(safe_fraction) {}

Status GuardedMinNorm::check(double sigma) const {
  if (policy_ == Fallback::none) return minnorm_.check(sigma);
  if (!(sigma > 0) || !std::isfinite(sigma)) return Error{"sigma must be a number > 0 (got " + format_number(sigma) + ")"};
  return Status::ok();
}

void GuardedMinNorm::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                           Workspace& ws) const {
  if (!is_fallback(sigma)) return minnorm_.apply(Y, sigma, H, ws);
  if (policy_ == Fallback::emmse) return emmse_.apply(Y, sigma, H, ws);
  minnorm_.apply_rho(Y, std::min(minnorm_.alpha() * sigma, clamped_rho()), H, ws);
}

}  // namespace flowlab

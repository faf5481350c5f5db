#include "core/denoisers/fallback.hpp"

#include <cmath>

#include "core/data/csv.hpp"
#include "core/runtime/enum_names.hpp"

namespace flowlab {

namespace {
const EnumTable<Fallback, 2> kFallbacks = {{Fallback::clamp, "clamp"}, {Fallback::emmse, "emmse"}};
}  // namespace

Result<Fallback> parse_fallback(const std::string& s) { return parse_enum(s, kFallbacks, "fallback"); }
const char* to_string(Fallback f) { return f == Fallback::none ? "none" : enum_name(f, kFallbacks); }

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

DenoiserForm GuardedMinNorm::form(double sigma) const {
  if (!is_fallback(sigma)) return minnorm_.form(sigma);
  if (policy_ == Fallback::emmse) return emmse_.form(sigma);
  DenoiserForm f;
  f.kind = DenoiserForm::Kind::network;
  f.net = minnorm_.to_network(std::min(minnorm_.alpha() * sigma, clamped_rho()));
  return f;
}

void GuardedMinNorm::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                         const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  if (!is_fallback(sigma)) return minnorm_.vjp(Y, sigma, V, out, ws);
  if (policy_ == Fallback::emmse) return emmse_.vjp(Y, sigma, V, out, ws);
  minnorm_.vjp_rho(Y, std::min(minnorm_.alpha() * sigma, clamped_rho()), V, out, ws);
}

}  // namespace flowlab

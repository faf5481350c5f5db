#pragma once
// The min-norm closed form with an explicit fallback where it is infeasible
// (2 rho at or above the smallest gap, DESIGN.md §1.1):
//   clamp: use rho' = fraction * gap / 2 instead of rho (fraction < 1);
//   emmse: use the empirical MMSE denoiser at that noise level.
// Flows ask is_fallback(sigma) each step and count the steps that used it.
#include "core/denoisers/emmse.hpp"
#include "core/denoisers/minnorm.hpp"

namespace flowlab {

enum class Fallback { none, clamp, emmse };
Result<Fallback> parse_fallback(const std::string& s);
const char* to_string(Fallback f);

class GuardedMinNorm final : public Denoiser {
 public:
  GuardedMinNorm(MinNormDenoiser minnorm, const Eigen::Ref<const Eigen::MatrixXd>& X, Fallback policy,
                 double safe_fraction = 0.9);
  Eigen::Index dim() const override { return minnorm_.dim(); }
  std::string name() const override { return "minnorm"; }
  Status check(double sigma) const override;
  bool is_fallback(double sigma) const override { return !minnorm_.feasible(sigma); }
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace& ws) const override;
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const override;
  DenoiserForm form(double sigma) const override;  // the closed form's, or its fallback's
  double clamped_rho() const { return safe_fraction_ * minnorm_.min_gap() / 2.0; }
  const MinNormDenoiser& minnorm() const { return minnorm_; }

 private:
  MinNormDenoiser minnorm_;
  EmmseDenoiser emmse_;
  Fallback policy_;
  double safe_fraction_;
};

}  // namespace flowlab

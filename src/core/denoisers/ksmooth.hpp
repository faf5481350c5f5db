#pragma once
// The kernel-smoothed empirical score (Gabriel, Ged, Han Veiga, Schertzer 2025):
//   s_b(y) = E_xi[ s_emp(y + b xi) ],  xi ~ N(0, I),
// with s_emp the empirical (MMSE) score at noise sigma. Through Tweedie the
// denoiser is h_b(y) = y + sigma^2 s_b(y) = mean_q h_emmse(y + b xi_q) - b mean_q xi_q.
// The expectation uses a fixed quasi-random rule (Halton points through
// Box–Muller, in antithetic pairs so mean_q xi_q = 0 exactly): deterministic.
#include <Eigen/Core>

#include "core/denoisers/emmse.hpp"

namespace flowlab {

class KsmoothDenoiser final : public Denoiser {
 public:
  // bandwidth b >= 0; nodes: an even number of quadrature points (>= 2).
  KsmoothDenoiser(const Eigen::Ref<const Eigen::MatrixXd>& X, double bandwidth, int nodes = 64);
  Eigen::Index dim() const override { return emmse_.dim(); }
  std::string name() const override { return "ksmooth"; }
  Status check(double sigma) const override;
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace& ws) const override;
  // J = mean_q J_emmse(y + b xi_q).
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const override;
  DenoiserForm form(double sigma) const override;  // the MMSE's, shifted by the nodes times b
  const Eigen::MatrixXd& nodes() const { return xi_; }  // d by #Q

 private:
  EmmseDenoiser emmse_;
  double bandwidth_;
  Eigen::MatrixXd xi_;
  Eigen::MatrixXd shifts_;  // bandwidth * xi, precomputed for the hot loop
};

// Quasi-random standard normal points, d by n (n even, antithetic pairs).
Eigen::MatrixXd quasi_normal_nodes(Eigen::Index d, int n);

}  // namespace flowlab

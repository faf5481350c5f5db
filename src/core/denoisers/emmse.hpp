#pragma once
// The empirical MMSE (optimal, memorizing) denoiser:
//   h_sigma(y) = sum_n x_n w_n(y),  w = softmax(-|y - x_n|^2 / (2 sigma^2)),
// computed with the max-subtracted log-sum-exp on data centred at its mean, so
// it neither underflows at sigma = 1e-4 nor overflows at sigma = 1e4.
#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"

namespace flowlab {

class EmmseDenoiser final : public Denoiser {
 public:
  explicit EmmseDenoiser(const Eigen::Ref<const Eigen::MatrixXd>& X);
  Eigen::Index dim() const override { return centred_.rows(); }
  std::string name() const override { return "emmse"; }
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace& ws) const override;
  // Same, with scratch slots starting at `slot` (lets ksmooth nest it).
  void apply_slots(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                   Workspace& ws, int slot) const;
  // Each point's weight times prior weights exp(logw) (logw #N by 1, or #N by #P: one column per
  // particle): the MMSE denoiser of the reweighted data, such as a posterior's (core/inverse/inverse.hpp).
  void apply_weighted(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& logw,
                      Eigen::Ref<Eigen::MatrixXd> H, Workspace& ws) const;
  // J = Cov_w(x) / sigma^2 (symmetric): J v = (sum_n w_n x_n (x_n . v) - h (h . v)) / sigma^2.
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const override;
  void vjp_slots(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
                 Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws, int slot) const;
  // The weights once for both h and J^T A^T (y - A h).
  void apply_guided(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& A,
                    const Eigen::Ref<const Eigen::MatrixXd>& y, Eigen::Ref<Eigen::MatrixXd> H, Eigen::Ref<Eigen::MatrixXd> G,
                    Workspace& ws) const override;
  DenoiserForm form(double sigma) const override;
  const Eigen::VectorXd& mean() const { return mean_; }
  const Eigen::MatrixXd& centred() const { return centred_; }  // d by #N: x_n - mean

 private:
  // The weights of one block of centred particles into L (#N by nb); logw: empty, #N by 1 or #N by nb.
  void weights(const Eigen::Ref<const Eigen::MatrixXd>& Yc, double sigma, Eigen::Ref<Eigen::MatrixXd> L,
               const Eigen::Ref<const Eigen::MatrixXd>& logw) const;
  void apply_impl(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H, Workspace& ws,
                  int slot, const Eigen::Ref<const Eigen::MatrixXd>& logw) const;
  Eigen::VectorXd mean_;
  Eigen::MatrixXd centred_;   // d by #N: x_n - mean
  Eigen::MatrixXd centred_t_; // #N by d
  Eigen::VectorXd norm2_;     // |x_n - mean|^2
};

}  // namespace flowlab

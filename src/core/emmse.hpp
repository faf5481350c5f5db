#pragma once
// The empirical MMSE (optimal, memorizing) denoiser:
//   h_sigma(y) = sum_n x_n w_n(y),  w = softmax(-|y - x_n|^2 / (2 sigma^2)),
// computed with the max-subtracted log-sum-exp on data centred at its mean, so
// it neither underflows at sigma = 1e-4 nor overflows at sigma = 1e4.
#include <Eigen/Core>

#include "denoiser.hpp"

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
  const Eigen::VectorXd& mean() const { return mean_; }
  const Eigen::MatrixXd& centred() const { return centred_; }  // d by #N: x_n - mean

 private:
  Eigen::VectorXd mean_;
  Eigen::MatrixXd centred_;   // d by #N: x_n - mean
  Eigen::MatrixXd centred_t_; // #N by d
  Eigen::VectorXd norm2_;     // |x_n - mean|^2
};

}  // namespace flowlab

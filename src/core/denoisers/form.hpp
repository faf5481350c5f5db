#pragma once
// A denoiser at one noise level in a form that an evaluator outside the core (the page's GPU path)
// computes with no numerics of its own: the core chooses the form and its numbers, the evaluator
// only sums. Two forms cover every denoiser here:
//   network: h(y) = A [W y + b]_+ + V y + c: the closed forms through to_network(rho), a trained
//            model's networks (two levels blended in log sigma are one network of both widths);
//   mmse:    h(y) = mean + 1/Q sum_q sum_n softmax_n(-|y + s_q - mean - x_n|^2 / (2 sigma^2)) x_n,
//            x_n the centred data, s_q the shifts: none (Q = 1, s = 0) for the empirical MMSE, the
//            kernel-smoothed score's quadrature nodes times its bandwidth (antithetic: sum_q s_q = 0).
#include <Eigen/Core>

#include "core/networks/shallow_net.hpp"

namespace flowlab {

struct DenoiserForm {
  enum class Kind { none, network, mmse };
  Kind kind = Kind::none;  // none: this denoiser has no such form (it is evaluated by the core only)
  ShallowNet net;                             // network
  const Eigen::MatrixXd* points = nullptr;    // mmse: d by #N, centred (owned by the denoiser)
  const Eigen::VectorXd* mean = nullptr;      // mmse: the data's mean
  const Eigen::MatrixXd* shifts = nullptr;    // mmse: d by #Q, or null for none
  double sigma = 0.0;                         // mmse: the level
};

// H = h(Y) from the form alone, in double precision: what an evaluator computes (the tests hold
// every denoiser's form() to its apply() with it).
void evaluate(const DenoiserForm& f, const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Ref<Eigen::MatrixXd> H);

// (wa a + wb b) as one network: the units of both, their output weights scaled.
ShallowNet blend(const ShallowNet& a, double wa, const ShallowNet& b, double wb);

}  // namespace flowlab

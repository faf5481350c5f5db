#pragma once
// The training loss of the shallow network (shallow_net.hpp) as a function of its weights
// theta = [W | b | A | V | c] (the trainer's packing, column-major blocks):
//   L(theta) = (1/S) sum_i |h(y_i) - t_i|^2 + lambda/2 (|W|^2 + |A|^2),
// with its gradient and exact Hessian-vector products. With the ReLU patterns fixed, L is a
// polynomial of degree 4 in theta, so the products are exact (not finite differences):
// Pearlmutter's R-operator applied to the backward pass gives the Gauss-Newton term J^T J v
// plus the residuals times h's second derivatives, which pair a_k with (w_k, b_k) of the
// same unit. From them: the sharpness lambda_max(H) by power iteration, which a minimum
// must keep below 2/eta for gradient descent with step eta to stay there (linear stability).
#include <Eigen/Core>

#include "core/runtime/result.hpp"
#include "core/networks/shallow_net.hpp"

namespace flowlab {

class LossHessian {
 public:
  // Y, T: d by #S samples and their targets; K units; without `skip` V and c are fixed at 0
  // (their rows and columns of H are 0, as their gradient is).
  static Result<LossHessian> create(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::MatrixXd>& T,
                                    Eigen::Index K, double lambda, bool skip = true);
  Eigen::Index size() const { return K_ * d_ + K_ + d_ * K_ + d_ * d_ + d_; }
  Eigen::Index width() const { return K_; }
  // L(theta), and its gradient into g.
  double gradient(const Eigen::VectorXd& theta, Eigen::VectorXd& g);
  // out = H(theta) v.
  void apply(const Eigen::VectorXd& theta, const Eigen::VectorXd& v, Eigen::VectorXd& out);
  // theta for a network (its width and dimension must match).
  Eigen::VectorXd pack(const ShallowNet& net) const;

 private:
  // One pass over the samples, chunk by chunk; v = nullptr: the gradient only.
  double pass(const Eigen::VectorXd& theta, const Eigen::VectorXd* v, Eigen::VectorXd& out);
  Eigen::MatrixXd Yt_, Tt_;  // #S by d
  Eigen::Index d_ = 0, K_ = 0;
  double lambda_ = 0;
  bool skip_ = true;
  Eigen::MatrixXd P_, RP_, G_, RG_;  // chunk by K activations and their R-derivative; chunk by d residual terms
};

struct Sharpness {
  double value = 0;     // lambda_max(H)
  int iterations = 0;   // Hessian-vector products used
  bool converged = false;
};

// lambda_max of H(theta) by power iteration: v <- Hv / |Hv| until the residual |Hv - mu v| is
// at most tol |mu| (then mu is within that of an eigenvalue). The iteration finds the eigenvalue of
// largest magnitude, and for this loss that is lambda_max: the residual term pairs a_k only with
// (w_k, b_k), a block off-diagonal matrix whose spectrum is symmetric about 0, and adding the
// positive semidefinite Gauss-Newton term (and the decay) moves no eigenvalue down (Weyl), so
// lambda_max >= |lambda_min|. `v` warm-starts the iteration (a fixed seeded start when its size is wrong or it is 0) and
// returns the eigenvector: between epochs it changes little, so few products are needed.
Sharpness sharpness(LossHessian& H, const Eigen::VectorXd& theta, Eigen::VectorXd& v, int max_iterations = 1000,
                    double tol = 1e-6);

// The stability papers' smoothness measure of the predictor (Mulayoff, Michaeli & Soudry 2021 in 1-D;
// Nacson et al. 2023 in d dimensions): sum_k |a_k| |w_k| g(u_k, t_k), the weighted L1 norm of h''
// (in d dimensions of the Laplacian's Radon-domain counterpart) with unit k's kink hyperplane
// u_k.y = t_k (u_k = w_k/|w_k|, t_k = -b_k/|w_k|) weighted by the samples Y (d by #S):
//   g(u, t) = min(g+, g-),  g+ = P(u.y > t)^2 E[u.y - t | u.y > t] sqrt(1 + |E[y | u.y > t]|^2),
// g- the same on the other side. Large near the middle of the data, 0 outside it.
double stability_smoothness(const ShallowNet& net, const Eigen::Ref<const Eigen::MatrixXd>& Y);
// The bound a linearly stable interpolating minimum of this loss (step eta) obeys, for scalar
// outputs: measure <= 1/(2 eta) - 1/2 (the papers' 1/eta - 1/2 for their loss, half of ours).
double smoothness_bound(double lr);

}  // namespace flowlab

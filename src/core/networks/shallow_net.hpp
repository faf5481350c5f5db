#pragma once
// The shallow ReLU network with a free linear unit and bias (DESIGN.md §1.1):
//   h(y) = sum_k a_k [w_k.y + b_k]_+ + V y + c,   cost C = 1/2 sum_k (|a_k|^2 + |w_k|^2).
// Closed forms export themselves in this form so the theorems about them
// (interpolation, cost) can be checked on the network itself.
#include <Eigen/Core>

#include "core/runtime/workspace.hpp"

namespace flowlab {

struct ShallowNet {
  Eigen::MatrixXd W;  // K by d: row k is w_k
  Eigen::VectorXd b;  // K
  Eigen::MatrixXd A;  // d by K: column k is a_k
  Eigen::MatrixXd V;  // d by d
  Eigen::VectorXd c;  // d

  Eigen::Index width() const { return W.rows(); }
  // H = h(Y), Y and H d by #P.
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Ref<Eigen::MatrixXd> H, Workspace& ws) const;
  // Out = J^T V per column: J = A diag([w_k.y + b_k > 0]) W + V (exact away from the kinks).
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::MatrixXd>& Vt,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const;
  double cost() const;                 // 1/2 sum (|a_k|^2 + |w_k|^2)
  double representation_cost() const;  // sum |a_k| |w_k| (equals cost() once balanced)
  // Rescales each unit to |a_k| = |w_k| (same function, lowest cost).
  void rebalance();
};

}  // namespace flowlab

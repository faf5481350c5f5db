#include "core/data/projection.hpp"

#include <algorithm>

#include <Eigen/Eigenvalues>

namespace flowlab {

Eigen::MatrixXd principal_axes(const Eigen::Ref<const Eigen::MatrixXd>& X, int k, Eigen::VectorXd& mean) {
  mean = X.rowwise().mean();
  const Eigen::MatrixXd C = X.colwise() - mean;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(C * C.transpose());
  const auto d = static_cast<int>(X.rows());
  Eigen::MatrixXd axes = Eigen::MatrixXd::Zero(k, d);
  for (int i = 0; i < std::min(k, d); ++i) {
    Eigen::VectorXd v = eig.eigenvectors().col(d - 1 - i);  // eigenvalues ascend
    Eigen::Index big = 0;
    v.cwiseAbs().maxCoeff(&big);
    if (v(big) < 0) v = -v;
    axes.row(i) = v.transpose();
  }
  return axes;
}

}  // namespace flowlab

#include "core/data/projection.hpp"

#include <algorithm>

#include <Eigen/Eigenvalues>

namespace flowlab {

Eigen::MatrixXd principal_axes(const Eigen::Ref<const Eigen::MatrixXd>& X, int k, Eigen::VectorXd& mean) {
  mean = X.rowwise().mean();
  const Eigen::MatrixXd C = X.colwise() - mean;
  const auto d = static_cast<int>(X.rows());
  Eigen::MatrixXd axes = Eigen::MatrixXd::Zero(k, d);
  // Fewer points than dimensions (images: N of 4096 pixels): the N x N Gram matrix C^T C has the
  // same nonzero eigenvalues, and C u is the axis of its eigenvector u. Else the d x d scatter.
  const bool gram = X.cols() < X.rows();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram ? Eigen::MatrixXd(C.transpose() * C) : Eigen::MatrixXd(C * C.transpose()));
  const auto m = static_cast<int>(eig.eigenvalues().size());
  for (int i = 0; i < std::min(k, m); ++i) {
    Eigen::VectorXd v = eig.eigenvectors().col(m - 1 - i);  // eigenvalues ascend
    if (gram) {
      v = C * v;
      const double norm = v.norm();
      if (!(norm > 0)) continue;  // a direction the data do not span
      v /= norm;
    }
    Eigen::Index big = 0;
    v.cwiseAbs().maxCoeff(&big);
    if (v(big) < 0) v = -v;
    axes.row(i) = v.transpose();
  }
  return axes;
}

}  // namespace flowlab

#include "core/denoisers/form.hpp"

#include <cmath>

namespace flowlab {

void evaluate(const DenoiserForm& f, const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Ref<Eigen::MatrixXd> H) {
  if (f.kind == DenoiserForm::Kind::network) {
    const ShallowNet& n = f.net;
    H = n.A * ((n.W * Y).colwise() + n.b).cwiseMax(0.0) + n.V * Y;
    H.colwise() += n.c;
    return;
  }
  if (f.kind != DenoiserForm::Kind::mmse) {
    H.setZero();
    return;
  }
  const Eigen::MatrixXd& X = *f.points;
  const Eigen::Index Q = f.shifts ? f.shifts->cols() : 1;
  for (Eigen::Index j = 0; j < Y.cols(); ++j) {
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(Y.rows());
    for (Eigen::Index q = 0; q < Q; ++q) {
      Eigen::VectorXd y = Y.col(j) - *f.mean;
      if (f.shifts) y += f.shifts->col(q);
      const Eigen::VectorXd e = -(X.colwise() - y).colwise().squaredNorm().transpose() / (2.0 * f.sigma * f.sigma);
      const Eigen::VectorXd w = (e.array() - e.maxCoeff()).exp();
      sum += X * w / w.sum();
    }
    H.col(j) = *f.mean + sum / static_cast<double>(Q);
  }
}

ShallowNet blend(const ShallowNet& a, double wa, const ShallowNet& b, double wb) {
  ShallowNet n;
  const Eigen::Index ka = a.width(), kb = b.width(), d = a.W.cols();
  n.W.resize(ka + kb, d);
  n.W << a.W, b.W;
  n.b.resize(ka + kb);
  n.b << a.b, b.b;
  n.A.resize(d, ka + kb);
  n.A << wa * a.A, wb * b.A;
  n.V = wa * a.V + wb * b.V;
  n.c = wa * a.c + wb * b.c;
  return n;
}

}  // namespace flowlab

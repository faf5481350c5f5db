#include "core/networks/shallow_net.hpp"

#include <algorithm>
#include <cmath>


namespace flowlab {

void ShallowNet::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Ref<Eigen::MatrixXd> H, Workspace& ws) const {
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Z = ws.matrix(0, width(), nb);
    Z.noalias() = W * Y.middleCols(j0, nb);
    Z = (Z.colwise() + b).cwiseMax(0.0);
    auto Hb = H.middleCols(j0, nb);
    Hb.noalias() = V * Y.middleCols(j0, nb);
    Hb.noalias() += A * Z;
    Hb.colwise() += c;
  }
}

void ShallowNet::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::MatrixXd>& Vt,
                     Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Z = ws.matrix(10, width(), nb);
    auto G = ws.matrix(11, width(), nb);
    Z.noalias() = W * Y.middleCols(j0, nb);
    Z.colwise() += b;
    G.noalias() = A.transpose() * Vt.middleCols(j0, nb);
    G = (Z.array() > 0.0).select(G, 0.0);
    auto Ob = out.middleCols(j0, nb);
    Ob.noalias() = V.transpose() * Vt.middleCols(j0, nb);
    Ob.noalias() += W.transpose() * G;
  }
}

double ShallowNet::cost() const { return 0.5 * (A.squaredNorm() + W.squaredNorm()); }

double ShallowNet::representation_cost() const {
  return (A.colwise().norm().transpose().array() * W.rowwise().norm().array()).sum();
}

void ShallowNet::rebalance() {
  for (Eigen::Index k = 0; k < width(); ++k) {
    const double na = A.col(k).norm(), nw = W.row(k).norm();
    if (na == 0.0 || nw == 0.0) continue;
    const double s = std::sqrt(na / nw);  // [s w.y + s b]_+ / s = [w.y + b]_+ (positive homogeneity)
    W.row(k) *= s;
    b(k) *= s;
    A.col(k) /= s;
  }
}

}  // namespace flowlab

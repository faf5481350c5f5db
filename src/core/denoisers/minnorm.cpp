#include "core/denoisers/minnorm.hpp"

#include <algorithm>
#include <cmath>

namespace flowlab {

void MinNormDenoiser::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                            Workspace& ws) const {
  apply_rho(Y, alpha_ * sigma, H, ws);
}

void MinNormDenoiser::apply_rho(const Eigen::Ref<const Eigen::MatrixXd>& Y, double rho, Eigen::Ref<Eigen::MatrixXd> H,
                                Workspace& ws) const {
  const Eigen::Index nu = dirs_.cols();
  if (nu == 0) {  // a single point: the constant interpolant
    H.colwise() = apex_;
    return;
  }
  auto shift = ws.matrix(0, nu, 1).col(0);
  auto slope = ws.matrix(1, nu, 1).col(0);
  for (Eigen::Index u = 0; u < nu; ++u) {
    const Ramp r = ramp(u, rho);
    shift(u) = r.shift;
    slope(u) = r.slope;
  }
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto S = ws.matrix(2, nu, nb);
    S.noalias() = dirs_t_ * Y.middleCols(j0, nb);
    for (Eigen::Index j = 0; j < nb; ++j)
      S.col(j) = ((S.col(j) - shift).cwiseProduct(slope)).cwiseMax(0.0).cwiseMin(length_);
    auto Hb = H.middleCols(j0, nb);
    Hb.noalias() = dirs_ * S;
    Hb.colwise() += apex_;
  }
}

void MinNormDenoiser::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                          const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  vjp_rho(Y, alpha_ * sigma, V, out, ws);
}

void MinNormDenoiser::vjp_rho(const Eigen::Ref<const Eigen::MatrixXd>& Y, double rho,
                              const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out,
                              Workspace& ws) const {
  const Eigen::Index nu = dirs_.cols();
  if (nu == 0) {
    out.setZero();
    return;
  }
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto S = ws.matrix(10, nu, nb);
    auto G = ws.matrix(11, nu, nb);
    S.noalias() = dirs_t_ * Y.middleCols(j0, nb);
    G.noalias() = dirs_t_ * V.middleCols(j0, nb);
    for (Eigen::Index u = 0; u < nu; ++u) {
      const Ramp r = ramp(u, rho);
      for (Eigen::Index j = 0; j < nb; ++j) {
        const double t = (S(u, j) - r.shift) * r.slope;
        G(u, j) *= t > 0.0 && t < r.length ? r.slope : 0.0;
      }
    }
    out.middleCols(j0, nb).noalias() = dirs_ * G;
  }
}

}  // namespace flowlab

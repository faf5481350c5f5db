#include "core/denoisers/emmse.hpp"

#include <algorithm>

namespace flowlab {

EmmseDenoiser::EmmseDenoiser(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  mean_ = X.rowwise().mean();
  centred_ = X.colwise() - mean_;
  centred_t_ = centred_.transpose();
  norm2_ = centred_.colwise().squaredNorm().transpose();
}

void EmmseDenoiser::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                          Workspace& ws) const {
  apply_impl(Y, sigma, H, ws, 0, Eigen::MatrixXd());
}

void EmmseDenoiser::apply_slots(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                                Eigen::Ref<Eigen::MatrixXd> H, Workspace& ws, int slot) const {
  apply_impl(Y, sigma, H, ws, slot, Eigen::MatrixXd());
}

void EmmseDenoiser::apply_weighted(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                                   const Eigen::Ref<const Eigen::MatrixXd>& logw, Eigen::Ref<Eigen::MatrixXd> H,
                                   Workspace& ws) const {
  apply_impl(Y, sigma, H, ws, 0, logw);
}

void EmmseDenoiser::weights(const Eigen::Ref<const Eigen::MatrixXd>& Yc, double sigma, Eigen::Ref<Eigen::MatrixXd> L,
                            const Eigen::Ref<const Eigen::MatrixXd>& logw) const {
  const double inv2s2 = 1.0 / (2.0 * sigma * sigma);
  L.noalias() = centred_t_ * Yc;
  for (Eigen::Index j = 0; j < Yc.cols(); ++j) {
    // logit_n = -|y - x_n|^2 / (2 sigma^2), the distance clamped at 0 against rounding.
    auto l = L.col(j);
    const double y2 = Yc.col(j).squaredNorm();
    // Relative to the nearest point, and a tie with it exactly 0: where 2 sigma^2 underflows
    // (sigma = 1e-300) the weight lies on the nearest points instead of turning 0/0.
    l.array() = (y2 + norm2_.array() - 2.0 * l.array()).max(0.0);
    const double nearest = l.minCoeff();
    l.array() = (l.array() == nearest).select(0.0, -(l.array() - nearest) * inv2s2);
    if (logw.size() > 0) l += logw.col(logw.cols() == 1 ? 0 : j);
    // Weights below e^-700 (relative to the largest, 1) are set to 0: Eigen's vectorised exp
    // clamps its argument near -709.8 and returns a subnormal there, and subnormals in the
    // product below slow x86 down ~5x (an early-stopped flow at sigma = 1e-4 is full of them).
    l.array() -= l.maxCoeff();
    l.array() = (l.array() < -700.0).select(0.0, l.array().exp());
    l /= l.sum();
  }
}

void EmmseDenoiser::apply_impl(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                               Workspace& ws, int slot, const Eigen::Ref<const Eigen::MatrixXd>& logw) const {
  const Eigen::Index n = centred_.cols(), d = dim();
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Yc = ws.matrix(slot, d, nb);
    auto L = ws.matrix(slot + 1, n, nb);
    Yc = Y.middleCols(j0, nb).colwise() - mean_;
    weights(Yc, sigma, L, logw.cols() > 1 ? Eigen::Ref<const Eigen::MatrixXd>(logw.middleCols(j0, nb)) : logw);
    auto Hb = H.middleCols(j0, nb);
    Hb.noalias() = centred_ * L;
    Hb.colwise() += mean_;
  }
}

void EmmseDenoiser::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
                        Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  vjp_slots(Y, sigma, V, out, ws, 10);
}

namespace {
// out = Cov_w(x) V / sigma^2 per column, from the block's weights L and Hc = h - mean (centred data C, Ct = C^T).
void covariance_product(const Eigen::MatrixXd& C, const Eigen::MatrixXd& Ct, const Eigen::Ref<const Eigen::MatrixXd>& L,
                        const Eigen::Ref<const Eigen::MatrixXd>& Hc, const Eigen::Ref<const Eigen::MatrixXd>& V,
                        Eigen::Ref<Eigen::MatrixXd> G, double sigma, Eigen::Ref<Eigen::MatrixXd> out) {
  G.noalias() = Ct * V;
  G.array() *= L.array();
  out.noalias() = C * G;
  for (Eigen::Index j = 0; j < out.cols(); ++j) out.col(j) -= Hc.col(j) * Hc.col(j).dot(V.col(j));
  out /= sigma * sigma;
}
}  // namespace

void EmmseDenoiser::vjp_slots(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                              const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws,
                              int slot) const {
  const Eigen::Index n = centred_.cols(), d = dim();
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Yc = ws.matrix(slot, d, nb);
    auto L = ws.matrix(slot + 1, n, nb);
    auto G = ws.matrix(slot + 2, n, nb);
    auto Hc = ws.matrix(slot + 3, d, nb);
    Yc = Y.middleCols(j0, nb).colwise() - mean_;
    weights(Yc, sigma, L, Eigen::MatrixXd());
    Hc.noalias() = centred_ * L;  // h - mean: the covariance is the same about any centre
    covariance_product(centred_, centred_t_, L, Hc, V.middleCols(j0, nb), G, sigma, out.middleCols(j0, nb));
  }
}

void EmmseDenoiser::apply_guided(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                                 const Eigen::Ref<const Eigen::MatrixXd>& A, const Eigen::Ref<const Eigen::MatrixXd>& y,
                                 Eigen::Ref<Eigen::MatrixXd> H, Eigen::Ref<Eigen::MatrixXd> G, Workspace& ws) const {
  const Eigen::Index n = centred_.cols(), d = dim();
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Yc = ws.matrix(10, d, nb);
    auto L = ws.matrix(11, n, nb);
    auto Gn = ws.matrix(12, n, nb);
    auto Hc = ws.matrix(13, d, nb);
    auto R = ws.matrix(14, A.rows(), nb);
    auto V = ws.matrix(15, d, nb);
    Yc = Y.middleCols(j0, nb).colwise() - mean_;
    weights(Yc, sigma, L, Eigen::MatrixXd());
    Hc.noalias() = centred_ * L;
    auto Hb = H.middleCols(j0, nb);
    Hb = Hc.colwise() + mean_;
    R.noalias() = -(A * Hb);
    if (y.cols() == 1) R.colwise() += y.col(0);
    else R += y.middleCols(j0, nb);
    V.noalias() = A.transpose() * R;
    covariance_product(centred_, centred_t_, L, Hc, V, Gn, sigma, G.middleCols(j0, nb));
  }
}

DenoiserForm EmmseDenoiser::form(double sigma) const {
  DenoiserForm f;
  f.kind = DenoiserForm::Kind::mmse;
  f.points = &centred_;
  f.mean = &mean_;
  f.sigma = sigma;
  return f;
}

}  // namespace flowlab

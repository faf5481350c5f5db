#include "core/networks/hessian.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/runtime/fixed_sum.hpp"
#include "core/data/rng.hpp"

namespace flowlab {

using fixed::dot;
using fixed::sum;

namespace {
constexpr Eigen::Index kChunk = 2048;  // samples per pass: the buffers stay small for any #S
}  // namespace

Result<LossHessian> LossHessian::create(const Eigen::Ref<const Eigen::MatrixXd>& Y, const Eigen::Ref<const Eigen::MatrixXd>& T,
                                        Eigen::Index K, double lambda, bool skip) {
  if (Y.cols() == 0 || Y.rows() == 0 || Y.rows() != T.rows() || Y.cols() != T.cols())
    return Error{"the Hessian needs samples and targets of one shape"};
  if (K < 1 || !(lambda >= 0)) return Error{"the Hessian needs K >= 1 and lambda >= 0"};
  LossHessian h;
  h.Yt_ = Y.transpose();
  h.Tt_ = T.transpose();
  h.d_ = Y.rows();
  h.K_ = K;
  h.lambda_ = lambda;
  h.skip_ = skip;
  return h;
}

Eigen::VectorXd LossHessian::pack(const ShallowNet& n) const {
  Eigen::VectorXd theta(size());
  theta << Eigen::Map<const Eigen::VectorXd>(n.W.data(), K_ * d_), n.b, Eigen::Map<const Eigen::VectorXd>(n.A.data(), d_ * K_),
      Eigen::Map<const Eigen::VectorXd>(n.V.data(), d_ * d_), n.c;
  return theta;
}

double LossHessian::gradient(const Eigen::VectorXd& theta, Eigen::VectorXd& g) { return pass(theta, nullptr, g); }

void LossHessian::apply(const Eigen::VectorXd& theta, const Eigen::VectorXd& v, Eigen::VectorXd& out) { pass(theta, &v, out); }

// The forward pass (z = W y + b, p = [z]_+, h = V y + c + A p), its R-derivative along v
// (Rz = dW y + db, Rp = [z > 0] Rz, Rh = dV y + dc + dA p + A Rp), and the R-derivative of the
// backward pass g = (2/S) r: R(gA) = sum Rg p^T + g Rp^T, R(gV) = sum Rg y^T, R(gc) = sum Rg,
// R(gz) = [z > 0] (dA^T g + A^T Rg), R(gb) = sum R(gz), R(gW) = sum R(gz) y^T. Samples run along
// contiguous columns and every sum is in a written order (fixed_sum.hpp): the same bits in WASM.
double LossHessian::pass(const Eigen::VectorXd& theta, const Eigen::VectorXd* v, Eigen::VectorXd& out) {
  const Eigen::Index d = d_, K = K_, S = Yt_.rows();
  const double s = 2.0 / static_cast<double>(S);
  const double* W = theta.data();
  const double* b = W + K * d;
  const double* A = b + K;
  const double* V = A + d * K;
  const double* c = V + d * d;
  const double* dW = v ? v->data() : nullptr;
  const double* db = v ? dW + K * d : nullptr;
  const double* dA = v ? db + K : nullptr;
  const double* dV = v ? dA + d * K : nullptr;
  const double* dc = v ? dV + d * d : nullptr;
  out.setZero(size());
  double* oW = out.data();
  double* ob = oW + K * d;
  double* oA = ob + K;
  double* oV = oA + d * K;
  double* oc = oV + d * d;
  const Eigen::Index C = std::min(S, kChunk);
  P_.resize(C, K);
  RP_.resize(C, K);
  G_.resize(C, d);
  RG_.resize(C, d);
  double data_term = 0;
  for (Eigen::Index s0 = 0; s0 < S; s0 += C) {
    const Eigen::Index n = std::min(C, S - s0);
    const auto y_of = [&](Eigen::Index i) { return Yt_.data() + i * S + s0; };
    for (Eigen::Index k = 0; k < K; ++k) {
      double* p = P_.data() + k * n;
      double* rp = RP_.data() + k * n;
      for (Eigen::Index j = 0; j < n; ++j) p[j] = b[k];
      if (v)
        for (Eigen::Index j = 0; j < n; ++j) rp[j] = db[k];
      for (Eigen::Index i = 0; i < d; ++i) {
        const double w = W[i * K + k];
        const double* y = y_of(i);
        for (Eigen::Index j = 0; j < n; ++j) p[j] += w * y[j];
        if (v) {
          const double dw = dW[i * K + k];
          for (Eigen::Index j = 0; j < n; ++j) rp[j] += dw * y[j];
        }
      }
      for (Eigen::Index j = 0; j < n; ++j) p[j] = p[j] > 0 ? p[j] : 0.0;  // p > 0 exactly where z > 0
      if (v)
        for (Eigen::Index j = 0; j < n; ++j) rp[j] = p[j] > 0 ? rp[j] : 0.0;
    }
    for (Eigen::Index i = 0; i < d; ++i) {
      double* g = G_.data() + i * n;
      double* rg = RG_.data() + i * n;
      const double* t = Tt_.data() + i * S + s0;
      for (Eigen::Index j = 0; j < n; ++j) g[j] = c[i] - t[j];
      if (v)
        for (Eigen::Index j = 0; j < n; ++j) rg[j] = skip_ ? dc[i] : 0.0;
      for (Eigen::Index i2 = 0; i2 < d; ++i2) {
        const double* y = y_of(i2);
        const double vv = V[i2 * d + i];
        for (Eigen::Index j = 0; j < n; ++j) g[j] += vv * y[j];
        if (v && skip_) {
          const double dv = dV[i2 * d + i];
          for (Eigen::Index j = 0; j < n; ++j) rg[j] += dv * y[j];
        }
      }
      for (Eigen::Index k = 0; k < K; ++k) {
        const double a = A[k * d + i];
        const double* p = P_.data() + k * n;
        for (Eigen::Index j = 0; j < n; ++j) g[j] += a * p[j];
        if (v) {
          const double da = dA[k * d + i];
          const double* rp = RP_.data() + k * n;
          for (Eigen::Index j = 0; j < n; ++j) rg[j] += da * p[j] + a * rp[j];
        }
      }
      data_term += dot(g, g, n);
      for (Eigen::Index j = 0; j < n; ++j) g[j] *= s;
      if (v)
        for (Eigen::Index j = 0; j < n; ++j) rg[j] *= s;
    }
    // The output layer: with v, R(g) in place of g (plus g Rp for A); without v, g itself.
    const double* first = v ? RG_.data() : G_.data();
    for (Eigen::Index i = 0; i < d; ++i) {
      const double* g = first + i * n;
      if (skip_) {
        oc[i] += sum(g, n);
        for (Eigen::Index i2 = 0; i2 < d; ++i2) oV[i2 * d + i] += dot(g, y_of(i2), n);
      }
      for (Eigen::Index k = 0; k < K; ++k) {
        oA[k * d + i] += dot(g, P_.data() + k * n, n);
        if (v) oA[k * d + i] += dot(G_.data() + i * n, RP_.data() + k * n, n);
      }
    }
    // Back through the units, into RP (used up above) as scratch.
    for (Eigen::Index k = 0; k < K; ++k) {
      const double* p = P_.data() + k * n;
      double* back = RP_.data() + k * n;
      for (Eigen::Index j = 0; j < n; ++j) back[j] = 0;
      for (Eigen::Index i = 0; i < d; ++i) {
        const double a = A[k * d + i];
        const double* g = first + i * n;
        for (Eigen::Index j = 0; j < n; ++j) back[j] += a * g[j];
        if (v) {
          const double da = dA[k * d + i];
          const double* g0 = G_.data() + i * n;
          for (Eigen::Index j = 0; j < n; ++j) back[j] += da * g0[j];
        }
      }
      for (Eigen::Index j = 0; j < n; ++j) back[j] = p[j] > 0 ? back[j] : 0.0;
      ob[k] += sum(back, n);
      for (Eigen::Index i = 0; i < d; ++i) oW[i * K + k] += dot(back, y_of(i), n);
    }
  }
  const double* src = v ? v->data() : theta.data();  // the weight decay: lambda theta, or lambda v
  double penalty = 0;
  for (Eigen::Index q = 0; q < K * d; ++q) {
    oW[q] += lambda_ * src[q];
    oA[q] += lambda_ * src[K * d + K + q];
    penalty += W[q] * W[q] + A[q] * A[q];
  }
  return data_term / static_cast<double>(S) + 0.5 * lambda_ * penalty;
}

namespace {
double norm(const Eigen::VectorXd& v) { return std::sqrt(dot(v.data(), v.data(), v.size())); }
}  // namespace

Sharpness sharpness(LossHessian& H, const Eigen::VectorXd& theta, Eigen::VectorXd& v, int max_iterations, double tol) {
  const Eigen::Index n = H.size();
  if (v.size() != n || norm(v) == 0 || !v.allFinite()) {
    Rng rng(0x5ba7e55ULL);  // a fixed start: the same value for the same weights
    v.resize(n);
    rng.fill_normal(v);
  }
  v /= norm(v);
  Sharpness r;
  Eigen::VectorXd w(n), res(n);
  for (int it = 1; it <= max_iterations; ++it) {
    r.iterations = it;
    H.apply(theta, v, w);
    const double mu = dot(v.data(), w.data(), n), wn = norm(w);
    r.value = mu;
    res = w - mu * v;
    if (!std::isfinite(wn) || wn == 0) break;
    if (norm(res) <= tol * std::abs(mu)) {
      r.converged = true;
      break;
    }
    v = w / wn;
  }
  return r;
}

double stability_smoothness(const ShallowNet& net, const Eigen::Ref<const Eigen::MatrixXd>& Y) {
  const Eigen::Index d = Y.rows(), S = Y.cols();
  if (S == 0) return 0;
  Eigen::VectorXd proj(S), m_hi(d), m_lo(d);
  double total = 0;
  for (Eigen::Index k = 0; k < net.width(); ++k) {
    const double wn = net.W.row(k).norm(), an = net.A.col(k).norm();
    if (wn == 0 || an == 0) continue;
    const double t = -net.b(k) / wn;
    proj.noalias() = Y.transpose() * (net.W.row(k).transpose() / wn);
    double n_hi = 0, n_lo = 0, e_hi = 0, e_lo = 0;
    m_hi.setZero();
    m_lo.setZero();
    for (Eigen::Index j = 0; j < S; ++j) {
      if (proj(j) > t) n_hi += 1, e_hi += proj(j) - t, m_hi += Y.col(j);
      else n_lo += 1, e_lo += t - proj(j), m_lo += Y.col(j);
    }
    if (n_hi == 0 || n_lo == 0) continue;  // a kink outside the data: weight 0
    const auto side = [S](double count, double excess, const Eigen::VectorXd& m) {
      const double p = count / static_cast<double>(S);
      return p * p * (excess / count) * std::sqrt(1.0 + (m / count).squaredNorm());
    };
    total += an * wn * std::min(side(n_hi, e_hi, m_hi), side(n_lo, e_lo, m_lo));
  }
  return total;
}

double smoothness_bound(double lr) { return 1.0 / (2.0 * lr) - 0.5; }

}  // namespace flowlab

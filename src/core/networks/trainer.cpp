#include "core/networks/trainer.hpp"

#include <algorithm>
#include <cmath>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/fixed_sum.hpp"
#include "core/runtime/portable_math.hpp"
#include "core/data/rng.hpp"

namespace flowlab {

Status validate(const TrainOptions& o) {
  if (!(o.sigma > 0) || !std::isfinite(o.sigma)) return Error{"sigma must be a positive number (got " + format_number(o.sigma) + ")"};
  if (!(o.alpha >= 0) || !std::isfinite(o.alpha)) return Error{"alpha must be >= 0 (got " + format_number(o.alpha) + ")"};
  if (o.width < 1) return Error{"the width K must be at least 1 (got " + std::to_string(o.width) + ")"};
  if (o.samples < 1) return Error{"the samples per point M must be at least 1 (got " + std::to_string(o.samples) + ")"};
  if (o.trainer != "adam" && o.trainer != "auglag" && o.trainer != "gd" && o.trainer != "sgd")
    return Error{"the trainer must be adam, auglag, gd or sgd (got '" + o.trainer.substr(0, 80) + "')"};
  if (o.batch < 1) return Error{"the batch must hold at least 1 sample (got " + std::to_string(o.batch) + ")"};
  if (!(o.lambda >= 0) || !std::isfinite(o.lambda)) return Error{"lambda must be >= 0 (got " + format_number(o.lambda) + ")"};
  if (!(o.lr > 0) || !std::isfinite(o.lr)) return Error{"the learning rate must be a positive number (got " + format_number(o.lr) + ")"};
  if (o.epochs < 0) return Error{"epochs must be >= 0 (got " + std::to_string(o.epochs) + ")"};
  if (!(o.mu > 0) || !(o.mu_growth >= 1) || !(o.mu_max >= o.mu) || o.inner < 1)
    return Error{"auglag needs mu > 0, mu_growth >= 1, mu_max >= mu and inner >= 1"};
  return Status::ok();
}

Result<Trainer> Trainer::create(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o, const ShallowNet* warm) {
  if (auto s = validate(o); !s) return Error{s.message()};
  if (X.cols() == 0 || X.rows() == 0) return Error{"the data set is empty"};
  if (!X.allFinite()) return Error{"the data contain NaN or infinite coordinates"};
  if (o.samples > budget::kMaxSamples || o.width > budget::kMaxWidth)
    return Error{"training takes at most " + std::to_string(budget::kMaxSamples) + " samples per point and " +
                 std::to_string(budget::kMaxWidth) + " units"};
  {
    const auto samples = static_cast<std::int64_t>(X.cols()) * o.samples;  // <= 2^24 points' worth each: no overflow
    if (auto s = budget::fits_memory(budget::epoch(o.width, samples, X.rows(), o.chunk).bytes,
                                     "training " + std::to_string(o.width) + " units on " + std::to_string(samples) + " samples");
        !s)
      return Error{s.message()};
  }
  Trainer t;
  t.opt_ = o;
  t.X_ = X;
  t.d_ = X.rows();
  t.K_ = o.width;
  t.mu_ = o.mu;
  const Eigen::Index d = t.d_, K = t.K_;
  t.theta_.setZero(K * d + K + d * K + d * d + d);
  t.draw_samples();
  if (warm) {
    if (warm->width() != K || warm->W.cols() != d)
      return Error{"the starting network has width " + std::to_string(warm->width()) + " and dimension " +
                   std::to_string(warm->W.cols()) + ", not " + std::to_string(K) + " and " + std::to_string(d)};
    t.theta_ << Eigen::Map<const Eigen::VectorXd>(warm->W.data(), K * d), warm->b,
        Eigen::Map<const Eigen::VectorXd>(warm->A.data(), d * K), Eigen::Map<const Eigen::VectorXd>(warm->V.data(), d * d),
        warm->c;
  } else {  // unit directions whose kinks pass through random samples; small outputs; h = mean at first
    Rng rng(o.seed ^ 0x5eedULL);
    Eigen::MatrixXd W(K, d), A(d, K);
    rng.fill_normal(W);
    for (Eigen::Index k = 0; k < K; ++k) {
      double n2 = 0;
      for (Eigen::Index i = 0; i < d; ++i) n2 += W(k, i) * W(k, i);
      for (Eigen::Index i = 0; i < d; ++i) W(k, i) /= std::sqrt(n2);
    }
    Eigen::VectorXd b(K);
    for (Eigen::Index k = 0; k < K; ++k) {
      const auto j = static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(t.Y_.cols()));
      b(k) = 0;
      for (Eigen::Index i = 0; i < d; ++i) b(k) -= W(k, i) * t.Y_(i, std::min(j, t.Y_.cols() - 1));
    }
    rng.fill_normal(A);
    A *= 0.1 / std::sqrt(static_cast<double>(K));
    Eigen::VectorXd c = Eigen::VectorXd::Zero(d);
    for (Eigen::Index n = 0; n < X.cols(); ++n)
      for (Eigen::Index i = 0; i < d; ++i) c(i) += X(i, n);
    c /= static_cast<double>(X.cols());
    t.theta_ << Eigen::Map<const Eigen::VectorXd>(W.data(), K * d), b, Eigen::Map<const Eigen::VectorXd>(A.data(), d * K),
        Eigen::VectorXd::Zero(d * d), c;
  }
  if (!o.skip) t.theta_.tail(d * d + d).setZero();  // no linear term: V = 0, c = 0, and their gradients stay 0
  t.good_ = t.theta_;
  t.m_.setZero(t.theta_.size());
  t.v_.setZero(t.theta_.size());
  t.grad_.setZero(t.theta_.size());
  return t;
}

void Trainer::draw_samples() {
  const Eigen::Index d = d_, N = X_.cols(), M = opt_.samples;
  Rng rng(opt_.seed + 0x9e3779b97f4a7c15ULL * ++draws_);
  Y_.resize(d, N * M);
  T_.resize(d, N * M);
  Eigen::VectorXd z(d);
  for (Eigen::Index n = 0; n < N; ++n)
    for (Eigen::Index m = 0; m < M; ++m) {
      rng.fill_normal(z);
      // Gaussian noise, or uniform in the ball: a uniform direction at radius rho u^(1/d)
      double scale = opt_.sigma;
      if (opt_.alpha > 0) {
        double n2 = 0;
        for (Eigen::Index i = 0; i < d; ++i) n2 += z(i) * z(i);
        const double u = 1.0 - rng.uniform();  // in (0, 1]
        scale = opt_.alpha * opt_.sigma * portable::exp(portable::log(u) / static_cast<double>(d)) / std::sqrt(n2);
      }
      for (Eigen::Index i = 0; i < d; ++i) Y_(i, n * M + m) = X_(i, n) + scale * z(i);
      T_.col(n * M + m) = X_.col(n);
    }
  Yt_ = Y_.transpose();
  Tt_ = T_.transpose();
  if (opt_.trainer == "auglag" && Lt_.rows() != Y_.cols()) Lt_.setZero(Y_.cols(), d);
}

Status Trainer::set_data(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (X.rows() != d_) return Error{"the new data have dimension " + std::to_string(X.rows()) + ", the network " + std::to_string(d_)};
  if (X.cols() == 0 || !X.allFinite()) return Error{"the new data are empty or not finite"};
  X_ = X;
  Lt_.resize(0, 0);
  draw_samples();
  mu_ = opt_.mu;
  return Status::ok();
}

using fixed::dot;
using fixed::sum;

Eigen::Index Trainer::chunk_size() const {
  const Eigen::Index S = Y_.cols();
  if (opt_.trainer == "sgd") return std::min<Eigen::Index>(S, opt_.batch);  // a chunk is a step's batch
  if (opt_.chunk > 0) return std::min<Eigen::Index>(S, opt_.chunk);
  // Automatic: the whole batch while its pre-activations and activations fit 64 MiB (the same
  // bits as ever), else as many samples as do.
  return static_cast<Eigen::Index>(budget::auto_chunk(S, K_));
}

// One chunk of samples [s0, s0 + n) of the objective and its gradient (see the header for both
// objectives), added to the epoch's sums (assigned by the first chunk: with one chunk the bits are
// those of the whole batch at once). Plain loops with every sum in a fixed order (no library GEMM,
// whose order depends on the SIMD width and the cache sizes; no fused multiply-add): the same seed
// gives the same bits natively and in WebAssembly. Samples run along the columns of the transposed
// matrices (S by d, n by K), so the element-wise loops vectorise over samples.
void Trainer::accumulate_chunk(Eigen::Index s0, Eigen::Index n, bool first, double inv_s) {
  const Eigen::Index d = d_, K = K_, S = Y_.cols();
  const double* W = theta_.data();             // K by d, column-major
  const double* b = W + K * d;                 // K
  const double* A = b + K;                     // d by K
  const double* V = A + d * K;                 // d by d
  const double* c = V + d * d;                 // d
  double* gW = grad_.data();
  double* gb = gW + K * d;
  double* gA = gb + K;
  double* gV = gA + d * K;
  double* gc = gV + d * d;
  const bool auglag = opt_.trainer == "auglag";
  const auto add = [first](double& to, double v) { to = first ? v : to + v; };
  const auto y_of = [&](Eigen::Index i) { return Yt_.data() + i * S + s0; };
  Z_.resize(n, K);   // pre-activations, then their gradient
  P_.resize(n, K);   // activations
  for (Eigen::Index k = 0; k < K; ++k) {
    double* z = Z_.data() + k * n;
    double* p = P_.data() + k * n;
    for (Eigen::Index j = 0; j < n; ++j) z[j] = b[k];
    for (Eigen::Index i = 0; i < d; ++i) {
      const double w = W[i * K + k];
      const double* y = y_of(i);
      for (Eigen::Index j = 0; j < n; ++j) z[j] += w * y[j];
    }
    for (Eigen::Index j = 0; j < n; ++j) p[j] = z[j] > 0 ? z[j] : 0.0;
  }
  double data_term = 0;
  for (Eigen::Index i = 0; i < d; ++i) {
    double* h = H_.data() + i * S + s0;
    for (Eigen::Index j = 0; j < n; ++j) h[j] = c[i];
    for (Eigen::Index i2 = 0; i2 < d; ++i2) {
      const double v = V[i2 * d + i];
      const double* y = y_of(i2);
      for (Eigen::Index j = 0; j < n; ++j) h[j] += v * y[j];
    }
    for (Eigen::Index k = 0; k < K; ++k) {
      const double a = A[k * d + i];
      const double* p = P_.data() + k * n;
      for (Eigen::Index j = 0; j < n; ++j) h[j] += a * p[j];
    }
    const double* t = Tt_.data() + i * S + s0;
    double* g = dH_.data() + i * S + s0;
    for (Eigen::Index j = 0; j < n; ++j) h[j] -= t[j];
    if (auglag) {
      const double* l = Lt_.data() + i * S + s0;
      data_term += dot(l, h, n) + 0.5 * mu_ * dot(h, h, n);
      for (Eigen::Index j = 0; j < n; ++j) g[j] = inv_s * (l[j] + mu_ * h[j]);
    } else {
      data_term += dot(h, h, n);
      for (Eigen::Index j = 0; j < n; ++j) g[j] = 2.0 * inv_s * h[j];
    }
  }
  add(data_term_, data_term);
  double max_r2 = 0;
  for (Eigen::Index j = s0; j < s0 + n; ++j) {
    double n2 = 0;
    for (Eigen::Index i = 0; i < d; ++i) n2 += H_(j, i) * H_(j, i);
    max_r2 = std::max(max_r2, n2);
  }
  max_residual_ = chunk_ == 0 ? max_r2 : std::max(max_residual_, max_r2);  // squared until the epoch ends
  for (Eigen::Index i = 0; i < d; ++i) {
    const double* g = dH_.data() + i * S + s0;
    add(gc[i], opt_.skip ? sum(g, n) : 0.0);
    for (Eigen::Index i2 = 0; i2 < d; ++i2) add(gV[i2 * d + i], opt_.skip ? dot(g, y_of(i2), n) : 0.0);
    for (Eigen::Index k = 0; k < K; ++k) add(gA[k * d + i], dot(g, P_.data() + k * n, n));
  }
  for (Eigen::Index k = 0; k < K; ++k) {  // back through unit k: dz = [z > 0] sum_i a_ik dh_i
    double* z = Z_.data() + k * n;
    double* back = P_.data() + k * n;  // the activations are used up (gA above): scratch
    for (Eigen::Index j = 0; j < n; ++j) back[j] = 0;
    for (Eigen::Index i = 0; i < d; ++i) {
      const double a = A[k * d + i];
      const double* g = dH_.data() + i * S + s0;
      for (Eigen::Index j = 0; j < n; ++j) back[j] += a * g[j];
    }
    for (Eigen::Index j = 0; j < n; ++j) z[j] = z[j] > 0 ? back[j] : 0.0;
    add(gb[k], sum(z, n));
    for (Eigen::Index i = 0; i < d; ++i) add(gW[i * K + k], dot(z, y_of(i), n));
  }
}

// The objective from the sums over `count` samples, with the weight decay added to the gradient last.
double Trainer::finish_objective(Eigen::Index count) {
  const Eigen::Index d = d_, K = K_;
  const bool auglag = opt_.trainer == "auglag";
  const double decay = auglag ? 1.0 : opt_.lambda;
  const double* W = theta_.data();
  const double* A = W + K * d + K;
  double* gW = grad_.data();
  double* gA = gW + K * d + K;
  for (Eigen::Index q = 0; q < K * d; ++q) gA[q] += decay * A[q], gW[q] += decay * W[q];
  double penalty = 0;
  for (Eigen::Index q = 0; q < K * d; ++q) penalty += W[q] * W[q] + A[q] * A[q];
  return decay * 0.5 * penalty + 1.0 / static_cast<double>(count) * data_term_;
}

// sgd: a new order of the samples every epoch (Fisher-Yates on the seeded generator), so an
// epoch's batches are contiguous slices and every sample is used once per epoch.
void Trainer::shuffle() {
  Rng rng(opt_.seed + 0xb5ad4eceda1ce2a9ULL * static_cast<std::uint64_t>(epoch_ + 1));
  const Eigen::Index S = Y_.cols();
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, Eigen::Index> perm(S);
  perm.setIdentity();
  for (Eigen::Index i = S - 1; i > 0; --i) {
    const auto j = std::min(i, static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(i + 1)));
    std::swap(perm.indices()(i), perm.indices()(j));
  }
  Yt_ = perm * Yt_;
  Tt_ = perm * Tt_;
  Y_ = Yt_.transpose();
  T_ = Tt_.transpose();
}

// A non-finite objective, or (plain steps) one a million times the first epoch's: the steps are
// too large for this minimum's curvature and the weights fly apart (a run of ReLUs can die on
// the way and leave a finite but useless network, so waiting for infinity is not enough).
bool Trainer::diverged(double f) const {
  if (!std::isfinite(f) || !grad_.allFinite()) return true;
  return plain_steps() && first_loss_ >= 0 && f > 1e6 * (first_loss_ + 1e-300);
}

// sgd: one step on the batch [s0, s0 + n); false when it diverged (the last good weights are back).
bool Trainer::sgd_step(Eigen::Index s0, Eigen::Index n) {
  accumulate_chunk(s0, n, true, 1.0 / static_cast<double>(n));
  const double f = finish_objective(n);
  if (diverged(f)) {
    theta_ = good_;
    status_ = Error{"training diverged at epoch " + std::to_string(epoch_) +
                    " (the loss grew without bound); the last good weights are kept. Lower the learning rate."};
    return false;
  }
  good_ = theta_;
  const double share = static_cast<double>(n) / static_cast<double>(Y_.cols());
  epoch_loss_ = chunk_ == 0 ? share * f : epoch_loss_ + share * f;
  for (Eigen::Index q = 0; q < theta_.size(); ++q) theta_[q] -= opt_.lr * grad_[q];
  return true;
}

bool Trainer::step_chunk() {
  if (done()) return false;
  const Eigen::Index S = Y_.cols(), C = chunk_size();
  const bool sgd = opt_.trainer == "sgd";
  if (chunk_ == 0) {
    if (opt_.resample && epoch_ > 0) draw_samples();
    if (sgd) shuffle();
    H_.resize(S, d_);
    dH_.resize(S, d_);
  }
  const Eigen::Index s0 = chunk_ * C, n = std::min(C, S - s0);
  if (sgd) {
    if (!sgd_step(s0, n)) return true;
  } else {
    accumulate_chunk(s0, n, chunk_ == 0, 1.0 / static_cast<double>(S));
  }
  if (s0 + C < S) {
    ++chunk_;
    return false;
  }
  chunk_ = 0;
  max_residual_ = std::sqrt(max_residual_);
  finish_epoch(sgd ? epoch_loss_ : finish_objective(S));
  return true;
}

bool Trainer::run(int epochs) {
  for (int e = 0; e < epochs && !done();)
    if (step_chunk()) ++e;
  return !done();
}

bool Trainer::run_chunks(int chunks) {
  for (int c = 0; c < chunks && !done(); ++c) step_chunk();
  return !done();
}

void Trainer::finish_epoch(double f) {
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-12;
  const bool sgd = opt_.trainer == "sgd";  // its steps are taken, and checked, batch by batch
  if (!sgd && diverged(f)) {
    theta_ = good_;
    status_ = Error{"training diverged at epoch " + std::to_string(epoch_) +
                    (std::isfinite(f) ? " (the loss grew a millionfold)" : " (the objective is not finite)") +
                    "; the last good weights are kept. Lower the learning rate."};
    return;
  }
  if (!sgd) good_ = theta_;
  if (first_loss_ < 0) first_loss_ = f;
  history_.push_back({epoch_, f, max_residual_, representation_cost()});
  if (plain_steps()) {
    if (!sgd)
      for (Eigen::Index q = 0; q < theta_.size(); ++q) theta_[q] -= opt_.lr * grad_[q];
    ++epoch_;
    return;
  }
  beta1_t_ *= beta1;  // beta^t as a running product (pow differs across libms)
  beta2_t_ *= beta2;
  const double c1 = 1 - beta1_t_, c2 = 1 - beta2_t_;
  for (Eigen::Index q = 0; q < theta_.size(); ++q) {
    m_[q] = beta1 * m_[q] + (1 - beta1) * grad_[q];
    v_[q] = beta2 * v_[q] + (1 - beta2) * grad_[q] * grad_[q];
    theta_[q] -= opt_.lr * (m_[q] / c1) / (std::sqrt(v_[q] / c2) + eps);
  }
  ++epoch_;
  if (opt_.trainer == "auglag" && epoch_ % opt_.inner == 0) {  // multipliers follow the constraint violation
    for (Eigen::Index q = 0; q < Lt_.size(); ++q) Lt_.data()[q] += mu_ * H_.data()[q];
    mu_ = std::min(mu_ * opt_.mu_growth, opt_.mu_max);
  }
}

// ShallowNet::representation_cost on theta_ without unpacking it (no allocation per
// epoch) and with a written summation order (the same bits in WASM).
double Trainer::representation_cost() const {
  const double* W = theta_.data();
  const double* A = W + K_ * d_ + K_;
  double total = 0;
  for (Eigen::Index k = 0; k < K_; ++k) {
    double w2 = 0, a2 = 0;
    for (Eigen::Index i = 0; i < d_; ++i) w2 += W[i * K_ + k] * W[i * K_ + k], a2 += A[k * d_ + i] * A[k * d_ + i];
    total += std::sqrt(w2) * std::sqrt(a2);
  }
  return total;
}

ShallowNet Trainer::unpack(const Eigen::VectorXd& theta) const {
  const Eigen::Index d = d_, K = K_;
  ShallowNet n;
  n.W = Eigen::Map<const Eigen::MatrixXd>(theta.data(), K, d);
  n.b = theta.segment(K * d, K);
  n.A = Eigen::Map<const Eigen::MatrixXd>(theta.data() + K * d + K, d, K);
  n.V = Eigen::Map<const Eigen::MatrixXd>(theta.data() + K * d + K + d * K, d, d);
  n.c = theta.segment(K * d + K + d * K + d * d, d);
  return n;
}

ShallowNet Trainer::net() const {
  ShallowNet n = unpack(theta_);
  if (!plain_steps()) n.rebalance();
  return n;
}

Sharpness Trainer::sharpness(int max_iterations, double tol) {
  auto H = LossHessian::create(Y_, T_, K_, opt_.trainer == "auglag" ? 0.0 : opt_.lambda, opt_.skip);
  if (!H) return {};
  return flowlab::sharpness(H.value(), theta_, eigvec_, max_iterations, tol);
}

double Trainer::smoothness() const { return stability_smoothness(unpack(theta_), Y_); }

}  // namespace flowlab

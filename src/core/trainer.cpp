#include "trainer.hpp"

#include <cmath>

#include "csv.hpp"
#include "rng.hpp"

namespace flowlab {

Status validate(const TrainOptions& o) {
  if (!(o.sigma > 0) || !std::isfinite(o.sigma)) return Error{"sigma must be a positive number (got " + format_number(o.sigma) + ")"};
  if (!(o.alpha >= 0) || !std::isfinite(o.alpha)) return Error{"alpha must be >= 0 (got " + format_number(o.alpha) + ")"};
  if (o.width < 1) return Error{"the width K must be at least 1 (got " + std::to_string(o.width) + ")"};
  if (o.samples < 1) return Error{"the samples per point M must be at least 1 (got " + std::to_string(o.samples) + ")"};
  if (o.trainer != "adam" && o.trainer != "auglag") return Error{"the trainer must be adam or auglag (got '" + o.trainer + "')"};
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
    W.rowwise().normalize();
    Eigen::VectorXd b(K);
    for (Eigen::Index k = 0; k < K; ++k) {
      const auto j = static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(t.Y_.cols()));
      b(k) = -W.row(k).dot(t.Y_.col(std::min(j, t.Y_.cols() - 1)));
    }
    rng.fill_normal(A);
    A *= 0.1 / std::sqrt(static_cast<double>(K));
    const Eigen::VectorXd c = X.rowwise().mean();
    t.theta_ << Eigen::Map<const Eigen::VectorXd>(W.data(), K * d), b, Eigen::Map<const Eigen::VectorXd>(A.data(), d * K),
        Eigen::VectorXd::Zero(d * d), c;
  }
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
      const double scale = opt_.alpha > 0 ? opt_.alpha * opt_.sigma * std::pow(rng.uniform(), 1.0 / static_cast<double>(d)) /
                                                 std::max(z.norm(), 1e-300)
                                           : opt_.sigma;
      Y_.col(n * M + m) = X_.col(n) + scale * z;
      T_.col(n * M + m) = X_.col(n);
    }
  if (opt_.trainer == "auglag" && L_.cols() != Y_.cols()) L_.setZero(d, Y_.cols());
}

Status Trainer::set_data(const Eigen::Ref<const Eigen::MatrixXd>& X) {
  if (X.rows() != d_) return Error{"the new data have dimension " + std::to_string(X.rows()) + ", the network " + std::to_string(d_)};
  if (X.cols() == 0 || !X.allFinite()) return Error{"the new data are empty or not finite"};
  X_ = X;
  L_.resize(0, 0);
  draw_samples();
  mu_ = opt_.mu;
  return Status::ok();
}

// The objective at theta_ and its gradient into grad_ (see the header for both objectives).
double Trainer::objective_and_gradient(double& max_residual) {
  const Eigen::Index d = d_, K = K_, S = Y_.cols();
  const double inv_s = 1.0 / static_cast<double>(S);
  const Eigen::Map<const Eigen::MatrixXd> W(theta_.data(), K, d), A(theta_.data() + K * d + K, d, K),
      V(theta_.data() + K * d + K + d * K, d, d);
  const Eigen::Map<const Eigen::VectorXd> b(theta_.data() + K * d, K), c(theta_.data() + K * d + K + d * K + d * d, d);
  Z_.noalias() = W * Y_;
  Z_.colwise() += b;
  dZ_ = Z_.cwiseMax(0.0);  // the activations, for now
  H_.noalias() = A * dZ_;
  H_.noalias() += V * Y_;
  H_.colwise() += c;
  H_ -= T_;  // the residuals r_i
  max_residual = H_.colwise().norm().maxCoeff();
  const bool auglag = opt_.trainer == "auglag";
  const double penalty = 0.5 * (A.squaredNorm() + W.squaredNorm());
  const double decay = auglag ? 1.0 : opt_.lambda;
  double f = decay * penalty;
  if (auglag) {
    f += inv_s * ((L_.array() * H_.array()).sum() + 0.5 * mu_ * H_.squaredNorm());
    dH_ = inv_s * (L_ + mu_ * H_);
  } else {
    f += inv_s * H_.squaredNorm();
    dH_ = (2.0 * inv_s) * H_;
  }
  Eigen::Map<Eigen::MatrixXd> gW(grad_.data(), K, d), gA(grad_.data() + K * d + K, d, K),
      gV(grad_.data() + K * d + K + d * K, d, d);
  Eigen::Map<Eigen::VectorXd> gb(grad_.data() + K * d, K), gc(grad_.data() + K * d + K + d * K + d * d, d);
  gA.noalias() = dH_ * dZ_.transpose();
  gA += decay * A;
  gV.noalias() = dH_ * Y_.transpose();
  gc = dH_.rowwise().sum();
  dZ_.noalias() = A.transpose() * dH_;
  dZ_ = (Z_.array() > 0.0).select(dZ_, 0.0);
  gW.noalias() = dZ_ * Y_.transpose();
  gW += decay * W;
  gb = dZ_.rowwise().sum();
  return f;
}

bool Trainer::run(int epochs) {
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-12;
  for (int e = 0; e < epochs && !done(); ++e) {
    if (opt_.resample && epoch_ > 0) draw_samples();
    double max_r = 0;
    const double f = objective_and_gradient(max_r);
    if (!std::isfinite(f) || !grad_.allFinite()) {
      theta_ = good_;
      status_ = Error{"training diverged at epoch " + std::to_string(epoch_) +
                      " (the objective is not finite); the last good weights are kept. Lower the learning rate."};
      return false;
    }
    good_ = theta_;
    const Eigen::Map<const Eigen::MatrixXd> W(theta_.data(), K_, d_), A(theta_.data() + K_ * d_ + K_, d_, K_);
    history_.push_back({epoch_, f, max_r, (A.colwise().norm().transpose().array() * W.rowwise().norm().array()).sum()});
    ++adam_t_;
    m_ = beta1 * m_ + (1 - beta1) * grad_;
    v_ = beta2 * v_ + (1 - beta2) * grad_.cwiseAbs2();
    const double c1 = 1 - std::pow(beta1, adam_t_), c2 = 1 - std::pow(beta2, adam_t_);
    theta_.array() -= opt_.lr * (m_.array() / c1) / ((v_.array() / c2).sqrt() + eps);
    ++epoch_;
    if (opt_.trainer == "auglag" && epoch_ % opt_.inner == 0) {  // multipliers follow the constraint violation
      L_ += mu_ * H_;
      mu_ = std::min(mu_ * opt_.mu_growth, opt_.mu_max);
    }
  }
  return !done();
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
  n.rebalance();
  return n;
}

}  // namespace flowlab

#include "core/inverse/inverse.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/QR>

#include "core/denoisers/emmse.hpp"
#include "core/runtime/enum_names.hpp"
#include "core/runtime/parallel.hpp"
#include "core/data/rng.hpp"

namespace flowlab {
namespace {
constexpr std::uint64_t kChunkStream = 0x9e3779b97f4a7c15ULL;  // a noise stream per chunk, as the flows

// log w_n for each measurement column, normalised (log-sum-exp): #N by y's columns. The exponent
// -|y - A x_n|^2 / (2 s^2) is taken relative to the nearest A x_n, from |A x_n|^2 - 2 y.A x_n (|y|^2
// cancels, so y = 1e200 does not overflow), and a tie with the nearest is exactly 0: at s = 1e-300,
// where 2 s^2 underflows, every weight lies on the nearest points instead of turning 0/0.
Eigen::MatrixXd log_posterior_weights(const Eigen::Ref<const Eigen::MatrixXd>& X, const Measurement& m) {
  const Eigen::MatrixXd AX = m.A * X;  // m by N
  const Eigen::VectorXd ax2 = AX.colwise().squaredNorm().transpose();
  Eigen::MatrixXd L(X.cols(), m.y.cols());
  const double two_s2 = 2.0 * m.noise * m.noise;
  for (Eigen::Index j = 0; j < m.y.cols(); ++j) {
    auto l = L.col(j);
    l = ax2 - 2.0 * (AX.transpose() * m.y.col(j));
    const double nearest = l.minCoeff();
    l = (l.array() == nearest).select(0.0, -(l.array() - nearest) / two_s2);
    l.array() -= std::log((l.array()).exp().sum());
  }
  return L;
}
}  // namespace

Status check_measurement(const Measurement& m, Eigen::Index d, Eigen::Index samples) {
  if (m.A.rows() < 1 || m.A.cols() != d)
    return Error{"A has " + std::to_string(m.A.rows()) + " rows of " + std::to_string(m.A.cols()) +
                 " columns; it needs at least one row of d = " + std::to_string(d) + " (the data's dimension)"};
  if (m.y.rows() != m.A.rows())
    return Error{"the measurement has " + std::to_string(m.y.rows()) + " values per row, A has " +
                 std::to_string(m.A.rows()) + " rows"};
  if (m.y.cols() != 1 && m.y.cols() != samples)
    return Error{"there are " + std::to_string(m.y.cols()) + " measurements: give one, or one per sample (" +
                 std::to_string(samples) + ")"};
  if (!m.A.allFinite() || !m.y.allFinite()) return Error{"A and the measurement must be finite"};
  // y.A x_n must be a double: beyond, no sampler can tell the training points apart.
  if (!((m.A * Eigen::VectorXd::Ones(d)).cwiseAbs().maxCoeff() * m.y.cwiseAbs().maxCoeff() < 1e300))
    return Error{"the measurement is too large for double precision (|y| times |A| reaches 1e300): scale y and A down"};
  if (!(m.noise > 0) || !std::isfinite(m.noise)) return Error{"the measurement noise s must be > 0 and finite"};
  return Status::ok();
}

Eigen::MatrixXd posterior_weights(const Eigen::Ref<const Eigen::MatrixXd>& X, const Measurement& m) {
  return log_posterior_weights(X, m).array().exp();
}

namespace {
const EnumTable<InverseMethod, 4> kMethods = {{InverseMethod::exact, "exact"},
                                              {InverseMethod::dps, "dps"},
                                              {InverseMethod::projection, "projection"},
                                              {InverseMethod::mcg, "mcg"}};
const EnumTable<InverseInit, 2> kInits = {{InverseInit::noise, "noise"}, {InverseInit::estimate, "estimate"}};
}  // namespace
Result<InverseMethod> parse_inverse_method(const std::string& s) { return parse_enum(s, kMethods, "method"); }
const char* to_string(InverseMethod m) { return enum_name(m, kMethods); }
Result<InverseInit> parse_inverse_init(const std::string& s) { return parse_enum(s, kInits, "init"); }
const char* to_string(InverseInit i) { return enum_name(i, kInits); }

Status check_inverse_options(const InverseOptions& o) {
  if (o.flow != FlowKind::pf && o.flow != FlowKind::sde) return Error{"the sampler runs the flow pf or sde"};
  if (!(o.sigma_min > 0) || !(o.sigma_max > o.sigma_min) || !std::isfinite(o.sigma_max))
    return Error{"need 0 < sigma_min < sigma_max"};
  if (o.steps < 1) return Error{"steps must be >= 1"};
  if (!(o.step >= 0) || !std::isfinite(o.step)) return Error{"the step zeta must be >= 0 and finite"};
  if (o.samples < 1) return Error{"samples must be >= 1"};
  return Status::ok();
}

Eigen::MatrixXd measurement_gradient(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& Xs, double sigma,
                                     const Eigen::Ref<const Eigen::MatrixXd>& A, const Eigen::Ref<const Eigen::MatrixXd>& y) {
  Workspace ws;
  Eigen::MatrixXd H(Xs.rows(), Xs.cols()), G(Xs.rows(), Xs.cols());
  den.apply_guided(Xs, sigma, A, y, H, G, ws);  // G = J^T A^T (y - A h)
  return -2.0 * G;
}

Result<InverseSampler> InverseSampler::create(const Eigen::Ref<const Eigen::MatrixXd>& X, const Denoiser& den,
                                              const Measurement& m, const InverseOptions& o,
                                              const Eigen::Ref<const Eigen::MatrixXd>& estimate, Eigen::Index first,
                                              Eigen::Index count, std::uint64_t stream) {
  const Eigen::Index d = X.rows(), N = X.cols();
  if (auto s = check_measurement(m, d, o.samples); !s) return Error{s.message()};
  if (auto s = check_inverse_options(o); !s) return Error{s.message()};
  if (N < 1) return Error{"the prior needs at least one training point"};
  if (den.dim() != d) return Error{"the denoiser's dimension differs from the data's"};
  if (count < 1 || first < 0 || first + count > o.samples) return Error{"the batch lies outside the samples"};
  if (estimate.size() > 0 && (estimate.rows() != d || (estimate.cols() != 1 && estimate.cols() != o.samples)))
    return Error{"the estimate needs d = " + std::to_string(d) + " values, in one row or one per sample"};
  auto levels = noise_grid(o.grid, o.sigma_max, o.sigma_min, o.steps);
  if (!levels) return levels.error();
  InverseSampler s;
  s.grid_ = std::move(levels).value();
  if (o.method != InverseMethod::exact)
    for (double level : s.grid_)
      if (auto c = den.check(level); !c) return Error{c.message()};
  s.den_ = &den;
  s.o_ = o;
  s.count_ = count;
  s.mean_ = X.rowwise().mean();
  s.A_ = m.A;
  s.pinv_ = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(m.A).pseudoInverse();
  const auto batch = [&](const Eigen::MatrixXd& all) {  // this batch's columns, or the one shared column
    return all.cols() == 1 ? all : Eigen::MatrixXd(all.middleCols(first, count));
  };
  s.y_ = batch(m.y);
  if (o.method == InverseMethod::exact) {
    s.posterior_ = std::make_shared<const EmmseDenoiser>(X);
    s.logw_ = batch(log_posterior_weights(X, m));
  }
  if (o.init == InverseInit::estimate)
    s.start_ = batch(estimate.size() > 0 ? Eigen::MatrixXd(estimate) : Eigen::MatrixXd(s.pinv_ * m.y));
  s.rng_ = Rng(o.seed + kChunkStream * stream);
  for (auto* b : {&s.xs_, &s.h_, &s.xe_, &s.h2_, &s.z_, &s.g_}) b->resize(d, count);
  s.r_.resize(m.A.rows(), count);
  return s;
}

long InverseSampler::evaluations_per_step() const {
  const bool guided = o_.method == InverseMethod::dps || o_.method == InverseMethod::mcg;
  return (o_.flow == FlowKind::pf ? 2 : 1) + (guided ? 1 : 0);
}

void InverseSampler::denoise(const Eigen::MatrixXd& at, double s, Eigen::MatrixXd& into) {
  if (posterior_) posterior_->apply_weighted(at, s, logw_, into, ws_);
  else den_->apply(at, s, into, ws_);
}

void InverseSampler::start(Eigen::Ref<Eigen::MatrixXd> x) {
  rng_.fill_normal(z_);
  for (Eigen::Index j = 0; j < count_; ++j) {
    Eigen::VectorXd from = mean_;
    if (o_.init == InverseInit::estimate) {
      from = start_.col(start_.cols() == 1 ? 0 : j);
    } else if (posterior_) {  // exact: the noised posterior itself, a training point drawn by its weight
      const auto lw = logw_.col(logw_.cols() == 1 ? 0 : j);
      const double u = rng_.uniform();
      double acc = 0;
      Eigen::Index pick = lw.size() - 1;
      for (Eigen::Index k = 0; k < lw.size(); ++k)
        if ((acc += std::exp(lw(k))) > u) {
          pick = k;
          break;
        }
      from = posterior_->centred().col(pick) + posterior_->mean();
    }
    x.col(j) = from + o_.sigma_max * z_.col(j);
  }
  k_ = 0;
  status_ = Status::ok();
}

bool InverseSampler::step(Eigen::Ref<Eigen::MatrixXd> x) {
  if (done()) return false;
  const double s = grid_[k_], sn = grid_[k_ + 1];
  const bool guided = o_.method == InverseMethod::dps || o_.method == InverseMethod::mcg;
  const bool projected = o_.method == InverseMethod::projection || o_.method == InverseMethod::mcg;
  xs_ = x;  // the step's start
  const Eigen::MatrixXd& xs = xs_;
  if (guided) den_->apply_guided(xs, s, A_, y_, h_, g_, ws_);  // and the gradient there: g = J^T A^T (y - A h)
  else denoise(xs, s, h_);
  if (o_.flow == FlowKind::pf) {  // Heun on dy/dsigma = (y - h) / sigma
    xe_ = xs + (sn - s) / s * (xs - h_);
    denoise(xe_, sn, h2_);
    x += (sn - s) * 0.5 * ((xs - h_) / s + (xe_ - h2_) / sn);
  } else {  // Euler–Maruyama on the reverse SDE
    rng_.fill_normal(z_);
    x += (1.0 - sn * sn / (s * s)) * (h_ - xs) + std::sqrt(s * s - sn * sn) * z_;
  }
  if (guided) x += 2.0 * o_.step * g_;
  if (projected) {  // replace A x by y + sn A z
    rng_.fill_normal(z_);
    r_.noalias() = A_ * (x - sn * z_);
    if (y_.cols() == 1) r_.colwise() -= y_.col(0);
    else r_ -= y_;
    x -= pinv_ * r_;
  }
  ++k_;
  if (!x.allFinite()) {
    status_ = Error{"the samples diverged (sigma " + std::to_string(sn) + ")" +
                    (guided ? ": lower the step zeta (--step)"
                            : ": a value left double precision (the measurement, the noise s or the noise levels are too "
                              "extreme for this data)")};
    return false;
  }
  return !done();
}

Result<Eigen::MatrixXd> sample_posterior(const Eigen::Ref<const Eigen::MatrixXd>& X, const Denoiser& den,
                                         const Measurement& m, const InverseOptions& o,
                                         const Eigen::Ref<const Eigen::MatrixXd>& estimate, InverseReport* report,
                                         const std::atomic<bool>* cancel) {
  const Eigen::Index M = o.samples;
  // The options checked once, on the first chunk's worth; then a sampler per chunk, on every thread.
  auto first = InverseSampler::create(X, den, m, o, estimate, 0, std::min(M, kExperimentChunk), 0);
  if (!first) return first.error();
  Eigen::MatrixXd out(X.rows(), M);
  std::vector<std::string> failed(static_cast<std::size_t>(column_chunks(M)));
  run_column_chunks(o.threads, M, [&](Eigen::Index j0, Eigen::Index n, Eigen::Index c) {
    auto sampler = InverseSampler::create(X, den, m, o, estimate, j0, n, static_cast<std::uint64_t>(c));
    auto x = out.middleCols(j0, n);
    sampler.value().start(x);
    while (!(cancel && *cancel) && sampler.value().step(x)) {
    }
    if (cancel && *cancel) failed[static_cast<std::size_t>(c)] = "interrupted";
    else if (!sampler.value().status()) failed[static_cast<std::size_t>(c)] = sampler.value().status().message();
  });
  for (const auto& f : failed)
    if (!f.empty()) return Error{f};
  if (report) {
    report->steps = o.steps;
    report->evaluations = first.value().evaluations_per_step() * o.steps;
  }
  return out;
}

PosteriorFit posterior_fit(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& samples,
                           const Eigen::Ref<const Eigen::MatrixXd>& weights, double tau) {
  const Eigen::Index N = X.cols();
  double gap = std::numeric_limits<double>::infinity();
  for (Eigen::Index a = 0; a < N; ++a)
    for (Eigen::Index b = a + 1; b < N; ++b) gap = std::min(gap, (X.col(a) - X.col(b)).norm());
  if (!std::isfinite(gap) || gap <= 0) gap = std::max(1.0, X.norm());
  std::vector<int> assignment(static_cast<std::size_t>(samples.cols()), -1);
  for (Eigen::Index j = 0; j < samples.cols(); ++j) {
    Eigen::Index nearest = 0;
    const double dist = (X.colwise() - samples.col(j)).colwise().squaredNorm().minCoeff(&nearest);
    if (std::sqrt(dist) <= tau * gap) assignment[static_cast<std::size_t>(j)] = static_cast<int>(nearest);
  }
  return posterior_fit(assignment, weights);
}

PosteriorFit posterior_fit(const std::vector<int>& assignment, const Eigen::Ref<const Eigen::MatrixXd>& weights) {
  PosteriorFit f;
  f.exact = weights.rowwise().mean();
  f.share = Eigen::VectorXd::Zero(weights.rows());
  for (int n : assignment) {  // counts first: exact fractions after
    if (n >= 0 && n < weights.rows()) f.share(n) += 1;
    else f.off += 1;
  }
  const double total = static_cast<double>(std::max<std::size_t>(1, assignment.size()));
  f.share /= total;
  f.off /= total;
  f.tv = 0.5 * ((f.share - f.exact).cwiseAbs().sum() + f.off);
  return f;
}

}  // namespace flowlab

#include "inverse.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/QR>

#include "emmse.hpp"
#include "enum_names.hpp"
#include "parallel.hpp"
#include "rng.hpp"

namespace flowlab {
namespace {
constexpr std::uint64_t kChunkStream = 0x9e3779b97f4a7c15ULL;  // a noise stream per chunk, as the flows

// log w_n for each measurement column, normalised (log-sum-exp): #N by y's columns.
Eigen::MatrixXd log_posterior_weights(const Eigen::Ref<const Eigen::MatrixXd>& X, const Measurement& m) {
  const Eigen::MatrixXd AX = m.A * X;  // m by N
  Eigen::MatrixXd L(X.cols(), m.y.cols());
  const double inv2s2 = 1.0 / (2.0 * m.noise * m.noise);
  for (Eigen::Index j = 0; j < m.y.cols(); ++j) {
    auto l = L.col(j);
    l = -(AX.colwise() - m.y.col(j)).colwise().squaredNorm().transpose() * inv2s2;
    const double top = l.maxCoeff();
    l.array() -= top + std::log((l.array() - top).exp().sum());
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
  den.apply(Xs, sigma, H, ws);
  Eigen::MatrixXd R = -(A * H);
  if (y.cols() == 1) R.colwise() += y.col(0);
  else R += y;
  const Eigen::MatrixXd V = A.transpose() * R;
  den.vjp(Xs, sigma, V, G, ws);
  return -2.0 * G;
}

Result<Eigen::MatrixXd> sample_posterior(const Eigen::Ref<const Eigen::MatrixXd>& X, const Denoiser& den,
                                         const Measurement& m, const InverseOptions& o,
                                         const Eigen::Ref<const Eigen::MatrixXd>& estimate, InverseReport* report) {
  const Eigen::Index d = X.rows(), M = o.samples, N = X.cols();
  if (auto s = check_measurement(m, d, M); !s) return Error{s.message()};
  if (auto s = check_inverse_options(o); !s) return Error{s.message()};
  if (N < 1) return Error{"the prior needs at least one training point"};
  if (den.dim() != d) return Error{"the denoiser's dimension differs from the data's"};
  if (estimate.size() > 0 && (estimate.rows() != d || (estimate.cols() != 1 && estimate.cols() != M)))
    return Error{"the estimate needs d = " + std::to_string(d) + " values, in one row or one per sample"};
  auto levels = noise_grid(o.grid, o.sigma_max, o.sigma_min, o.steps);
  if (!levels) return levels.error();
  const std::vector<double>& grid = levels.value();
  const bool exact = o.method == InverseMethod::exact;
  if (!exact)
    for (double s : grid)
      if (auto c = den.check(s); !c) return Error{c.message()};
  const bool guided = o.method == InverseMethod::dps || o.method == InverseMethod::mcg;
  const bool projected = o.method == InverseMethod::projection || o.method == InverseMethod::mcg;
  const Eigen::MatrixXd pinv = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(m.A).pseudoInverse();
  const Eigen::MatrixXd logw = exact ? log_posterior_weights(X, m) : Eigen::MatrixXd();
  const Eigen::MatrixXd start = o.init == InverseInit::estimate ? (estimate.size() > 0 ? Eigen::MatrixXd(estimate)
                                                                                         : Eigen::MatrixXd(pinv * m.y))
                                                                : Eigen::MatrixXd();
  const EmmseDenoiser posterior(X);  // exact: reweighted by logw
  const Eigen::VectorXd mean = X.rowwise().mean();
  const Eigen::Index mm = m.A.rows();
  Eigen::MatrixXd out(d, M);
  std::vector<double> failed_at(static_cast<std::size_t>(column_chunks(M)), 0.0);
  run_column_chunks(o.threads, M, [&](Eigen::Index j0, Eigen::Index n, Eigen::Index c) {
    Rng rng(o.seed + kChunkStream * static_cast<std::uint64_t>(c));
    Workspace ws;
    Eigen::MatrixXd x(d, n), h(d, n), xe(d, n), h2(d, n), z(d, n), g(d, n), r(mm, n);
    const auto col = [&](const Eigen::MatrixXd& a, Eigen::Index j) { return a.col(a.cols() == 1 ? 0 : j0 + j); };
    const Eigen::MatrixXd lw = exact ? (logw.cols() == 1 ? logw : Eigen::MatrixXd(logw.middleCols(j0, n))) : logw;
    const auto denoise = [&](const Eigen::MatrixXd& at, double s, Eigen::MatrixXd& into) {
      if (exact) posterior.apply_weighted(at, s, lw, into, ws);
      else den.apply(at, s, into, ws);
    };
    rng.fill_normal(z);
    for (Eigen::Index j = 0; j < n; ++j) {
      Eigen::VectorXd from = mean;
      if (o.init == InverseInit::estimate) {
        from = col(start, j);
      } else if (exact) {  // the noised posterior itself: a training point drawn by its weight
        const double u = rng.uniform();
        double acc = 0;
        Eigen::Index pick = N - 1;
        for (Eigen::Index k = 0; k < N; ++k)
          if ((acc += std::exp(lw(k, lw.cols() == 1 ? 0 : j))) > u) {
            pick = k;
            break;
          }
        from = X.col(pick);
      }
      x.col(j) = from + o.sigma_max * z.col(j);
    }
    for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
      const double s = grid[k], sn = grid[k + 1];
      denoise(x, s, h);
      if (guided) {  // the gradient at the step's start: r = y - A h, g = J^T A^T r
        r.noalias() = -(m.A * h);
        for (Eigen::Index j = 0; j < n; ++j) r.col(j) += col(m.y, j);
        xe.noalias() = m.A.transpose() * r;
        den.vjp(x, s, xe, g, ws);
      }
      if (o.flow == FlowKind::pf) {  // Heun on dy/dsigma = (y - h) / sigma
        xe = x + (sn - s) / s * (x - h);
        denoise(xe, sn, h2);
        x += (sn - s) * 0.5 * ((x - h) / s + (xe - h2) / sn);
      } else {  // Euler–Maruyama on the reverse SDE
        rng.fill_normal(z);
        x += (1.0 - sn * sn / (s * s)) * (h - x) + std::sqrt(s * s - sn * sn) * z;
      }
      if (guided) x += 2.0 * o.step * g;
      if (projected) {  // replace A x by y + sn A z
        rng.fill_normal(z);
        r.noalias() = m.A * (x - sn * z);
        for (Eigen::Index j = 0; j < n; ++j) r.col(j) -= col(m.y, j);
        x.noalias() -= pinv * r;
      }
      if (!x.allFinite()) {
        failed_at[static_cast<std::size_t>(c)] = sn;
        break;
      }
    }
    out.middleCols(j0, n) = x;
  });
  for (double s : failed_at)
    if (s > 0)
      return Error{"the samples diverged (sigma " + std::to_string(s) + "): lower the step zeta (--step)"};
  if (report) {
    report->steps = o.steps;
    const long per_step = (o.flow == FlowKind::pf ? 2 : 1) + (guided ? 1 : 0);
    report->evaluations = per_step * o.steps;
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

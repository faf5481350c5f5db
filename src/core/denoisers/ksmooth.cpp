#include "core/denoisers/ksmooth.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/data/csv.hpp"

namespace flowlab {
namespace {
double radical_inverse(int i, int base) {
  double f = 1.0, r = 0.0;
  while (i > 0) {
    f /= base;
    r += f * (i % base);
    i /= base;
  }
  return r;
}

// The first k primes by a sieve, once per node set (found by fuzz_link: trial division for every
// coordinate and node took minutes at d = 4000). The k-th prime is below k (ln k + ln ln k) for k >= 6.
std::vector<int> first_primes(Eigen::Index k) {
  const double n = std::max(6.0, static_cast<double>(k));
  const auto limit = static_cast<std::size_t>(n * (std::log(n) + std::log(std::log(n)))) + 3;
  std::vector<bool> composite(limit + 1, false);
  std::vector<int> primes;
  for (std::size_t p = 2; p <= limit && static_cast<Eigen::Index>(primes.size()) < k; ++p) {
    if (composite[p]) continue;
    primes.push_back(static_cast<int>(p));
    for (std::size_t m = p * p; m <= limit; m += p) composite[m] = true;
  }
  return primes;
}
}  // namespace

Eigen::MatrixXd quasi_normal_nodes(Eigen::Index d, int n) {
  const int half = std::max(1, n / 2);
  const std::vector<int> prime = first_primes(d + 1);  // coordinate i's Halton base: the i-th prime
  Eigen::MatrixXd xi(d, 2 * half);
  for (int q = 0; q < half; ++q) {
    for (Eigen::Index i = 0; i < d; i += 2) {
      // Halton index q+1 (skipping the all-zero point), shifted to the cell centre
      // so the radius of Box–Muller is finite.
      const double u1 = radical_inverse(q + 1, prime[static_cast<std::size_t>(i)]);
      const double u2 = radical_inverse(q + 1, prime[static_cast<std::size_t>(i) + 1]);
      const double r = std::sqrt(-2.0 * std::log(1.0 - u1 * (1.0 - 0.5 / half)));
      xi(i, q) = r * std::cos(2 * M_PI * u2);
      if (i + 1 < d) xi(i + 1, q) = r * std::sin(2 * M_PI * u2);
    }
    xi.col(half + q) = -xi.col(q);
  }
  return xi;
}

KsmoothDenoiser::KsmoothDenoiser(const Eigen::Ref<const Eigen::MatrixXd>& X, double bandwidth, int nodes)
    : emmse_(X), bandwidth_(bandwidth), xi_(quasi_normal_nodes(X.rows(), std::max(2, nodes))), shifts_(bandwidth * xi_) {}

Status KsmoothDenoiser::check(double sigma) const {
  if (!(bandwidth_ >= 0) || !std::isfinite(bandwidth_))
    return Error{"ksmooth needs a bandwidth >= 0 (got " + format_number(bandwidth_) + ")"};
  return Denoiser::check(sigma);
}

void KsmoothDenoiser::apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
                            Workspace& ws) const {
  const Eigen::Index d = dim();
  const double wq = 1.0 / static_cast<double>(xi_.cols());
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Ys = ws.matrix(0, d, nb);
    auto Hs = ws.matrix(1, d, nb);
    auto Hb = H.middleCols(j0, nb);
    Hb.setZero();
    for (Eigen::Index q = 0; q < xi_.cols(); ++q) {
      Ys = Y.middleCols(j0, nb).colwise() + shifts_.col(q);
      emmse_.apply_slots(Ys, sigma, Hs, ws, 2);
      Hb += wq * Hs;
    }
  }
}

void KsmoothDenoiser::vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma,
                          const Eigen::Ref<const Eigen::MatrixXd>& V, Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const {
  const Eigen::Index d = dim();
  const double wq = 1.0 / static_cast<double>(xi_.cols());
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kParticleBlock) {
    const Eigen::Index nb = std::min(kParticleBlock, Y.cols() - j0);
    auto Ys = ws.matrix(10, d, nb);
    auto Os = ws.matrix(11, d, nb);
    auto Ob = out.middleCols(j0, nb);
    Ob.setZero();
    for (Eigen::Index q = 0; q < xi_.cols(); ++q) {
      Ys = Y.middleCols(j0, nb).colwise() + shifts_.col(q);
      emmse_.vjp_slots(Ys, sigma, V.middleCols(j0, nb), Os, ws, 12);
      Ob += wq * Os;
    }
  }
}

DenoiserForm KsmoothDenoiser::form(double sigma) const {
  DenoiserForm f = emmse_.form(sigma);
  f.shifts = &shifts_;
  return f;
}

}  // namespace flowlab

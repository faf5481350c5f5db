#include "fused_flow.hpp"

#include <vector>

#include "schedule.hpp"

namespace flowlab {
namespace {
// Lanes per vector, particle vectors per block (B) and accumulators per pass (T):
// B * T accumulators plus B operands fit the register file (32 zmm; 16 ymm, xmm or WASM's).
#if defined(__AVX512F__)
constexpr int kLanes = 8, kB = 4, kT = 6;
#elif defined(__AVX__)
constexpr int kLanes = 4, kB = 2, kT = 6;
#else
constexpr int kLanes = 2, kB = 2, kT = 6;
#endif
typedef double vd __attribute__((vector_size(kLanes * sizeof(double))));

Eigen::Index round_up(Eigen::Index n, Eigen::Index m) { return (n + m - 1) / m * m; }

// The closed form, padded to whole tiles: coefficient c(i, u) = v_u[i] at dirs[u * dp + i]
// (zero in the padding), so one array serves both products.
struct Tiles {
  Eigen::Index d = 0, nu = 0, dp = 0, up = 0;
  std::vector<double> dirs, apex, offset, length;
  std::vector<double> shift, slope;  // per level: offset + rho, l / (l - 2 rho); 0 in the padding

  explicit Tiles(const MinNormDenoiser& den)
      : d(den.dim()), nu(den.directions().cols()), dp(round_up(d, kT)), up(round_up(nu, kT)) {
    dirs.assign(static_cast<std::size_t>(dp * up), 0.0);
    apex.assign(static_cast<std::size_t>(dp), 0.0);
    offset.assign(static_cast<std::size_t>(up), 0.0);
    length.assign(static_cast<std::size_t>(up), 0.0);
    shift.assign(static_cast<std::size_t>(up), 0.0);
    slope.assign(static_cast<std::size_t>(up), 0.0);
    for (Eigen::Index u = 0; u < nu; ++u) {
      for (Eigen::Index i = 0; i < d; ++i) dirs[static_cast<std::size_t>(u * dp + i)] = den.directions()(i, u);
      offset[static_cast<std::size_t>(u)] = den.offsets()(u);
      length[static_cast<std::size_t>(u)] = den.lengths()(u);
    }
    for (Eigen::Index i = 0; i < d; ++i) apex[static_cast<std::size_t>(i)] = den.apex()(i);
  }
  void set_rho(double rho) {
    for (Eigen::Index u = 0; u < nu; ++u) {
      const auto k = static_cast<std::size_t>(u);
      shift[k] = offset[k] + rho;
      slope[k] = length[k] / (length[k] - 2.0 * rho);
    }
  }
};

vd clamp(vd x, vd hi) {
  const vd zero = {};
  x = x > zero ? x : zero;
  return x < hi ? x : hi;
}

// out = h(in) for one block: in and out are dp rows of kB vectors, g is up rows of kB.
void denoise_block(const Tiles& t, const vd* in, vd* g, vd* out) {
  const double* c = t.dirs.data();
  for (Eigen::Index u0 = 0; u0 < t.up; u0 += kT) {  // g_u = ramp(v_u . y)
    vd acc[kT][kB] = {};
    for (Eigen::Index i = 0; i < t.d; ++i) {
      const vd* y = in + i * kB;
#pragma GCC unroll 16
      for (int k = 0; k < kT; ++k) {
        const double w = c[(u0 + k) * t.dp + i];
#pragma GCC unroll 4
        for (int b = 0; b < kB; ++b) acc[k][b] += w * y[b];
      }
    }
    for (int k = 0; k < kT; ++k) {
      const auto u = static_cast<std::size_t>(u0 + k);
      const vd hi = vd{} + t.length[u];
      for (int b = 0; b < kB; ++b) g[(u0 + k) * kB + b] = clamp((acc[k][b] - t.shift[u]) * t.slope[u], hi);
    }
  }
  for (Eigen::Index i0 = 0; i0 < t.dp; i0 += kT) {  // h = apex + sum_u v_u g_u
    vd acc[kT][kB];
    for (int k = 0; k < kT; ++k)
      for (int b = 0; b < kB; ++b) acc[k][b] = vd{} + t.apex[static_cast<std::size_t>(i0 + k)];
    for (Eigen::Index u = 0; u < t.nu; ++u) {
      const vd* gu = g + u * kB;
      const double* col = c + u * t.dp + i0;
#pragma GCC unroll 16
      for (int k = 0; k < kT; ++k) {
#pragma GCC unroll 4
        for (int b = 0; b < kB; ++b) acc[k][b] += col[k] * gu[b];
      }
    }
    for (int k = 0; k < kT; ++k)
      for (int b = 0; b < kB; ++b) out[(i0 + k) * kB + b] = acc[k][b];
  }
}
}  // namespace

int fused_lanes() { return kLanes; }

bool fused_applies(const MinNormDenoiser& den, const FlowOptions& opt) {
  return opt.kind == FlowKind::pf && (opt.integrator == Integrator::euler || opt.integrator == Integrator::heun) &&
         den.directions().cols() > 0 && opt.sigma_max > 0 && den.check(opt.sigma_max).is_ok();
}

Result<FlowReport> run_fused_pf(const MinNormDenoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y) {
  if (!fused_applies(den, opt)) return Error{"the fused flow is the closed form's probability flow (euler or heun), feasible"};
  if (Y.rows() != den.dim()) return Error{"the particles' dimension is not the data's"};
  auto grid = noise_grid(opt.grid, opt.sigma_max, opt.sigma_min, opt.steps);
  if (!grid) return grid.error();
  const std::vector<double>& sg = grid.value();
  Tiles t(den);
  // Per level, the ramps' shift and slope, computed once for all blocks.
  std::vector<double> shifts, slopes;
  for (double s : sg) {
    t.set_rho(den.alpha() * s);
    shifts.insert(shifts.end(), t.shift.begin(), t.shift.end());
    slopes.insert(slopes.end(), t.slope.begin(), t.slope.end());
  }
  const auto rows = static_cast<std::size_t>(t.dp * kB), units = static_cast<std::size_t>(t.up * kB);
  std::vector<vd> y(rows), ye(rows), k1(rows), h(rows), g(units);  // one block's panels, reused
  const bool heun = opt.integrator == Integrator::heun;
  const Eigen::Index per_block = kLanes * kB;
  const auto level = [&](std::size_t i) {
    std::copy_n(shifts.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(t.up)), t.up, t.shift.begin());
    std::copy_n(slopes.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(t.up)), t.up, t.slope.begin());
  };
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += per_block) {
    const Eigen::Index nb = std::min(per_block, Y.cols() - j0);
    std::fill(y.begin(), y.end(), vd{});
    for (Eigen::Index j = 0; j < nb; ++j)  // transpose in: lane j % kLanes of vector j / kLanes
      for (Eigen::Index i = 0; i < t.d; ++i) y[static_cast<std::size_t>(i * kB + j / kLanes)][j % kLanes] = Y(i, j0 + j);
    for (std::size_t s = 0; s + 1 < sg.size(); ++s) {
      const double s0 = sg[s], dt = sg[s + 1] - s0, s1 = s0 + dt;
      const double r0 = 1.0 / s0, r1 = 1.0 / s1;  // a vector division costs ~16 multiplies
      level(s);
      denoise_block(t, y.data(), g.data(), h.data());
      for (std::size_t r = 0; r < rows; ++r) {  // dy/dsigma = (y - h)/sigma
        k1[r] = (y[r] - h[r]) * r0;
        ye[r] = y[r] + dt * k1[r];
      }
      if (!heun) {
        y.swap(ye);
        continue;
      }
      level(s + 1);
      denoise_block(t, ye.data(), g.data(), h.data());
      for (std::size_t r = 0; r < rows; ++r) y[r] += (0.5 * dt) * (k1[r] + (ye[r] - h[r]) * r1);
    }
    for (Eigen::Index j = 0; j < nb; ++j)
      for (Eigen::Index i = 0; i < t.d; ++i) Y(i, j0 + j) = y[static_cast<std::size_t>(i * kB + j / kLanes)][j % kLanes];
  }
  if (!Y.allFinite()) return Error{"the fused flow diverged (NaN or inf)"};
  FlowReport r;
  r.steps = static_cast<int>(sg.size()) - 1;
  r.evaluations = r.steps * (heun ? 2 : 1);
  r.t = sg.back();
  return r;
}

}  // namespace flowlab

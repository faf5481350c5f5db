#include "core/flows/fused_flow.hpp"

#include <cstdint>
#include <limits>
#include <vector>

#include "core/denoisers/emmse.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/flows/schedule.hpp"

namespace flowlab {
namespace {
// Lanes per vector, particle vectors per block (B) and accumulators per pass (T):
// B * T accumulators plus B operands fit the register file (32 zmm; 16 ymm, xmm or WASM's).
// Small data (fewer than T coordinates or units, as in the app's planes) take tiles of 2
// instead: padding 2 coordinates to 6 would triple the work.
#if defined(__AVX512F__)
constexpr int kLanes = 8, kB = 4, kT = 6;
#elif defined(__AVX__)
constexpr int kLanes = 4, kB = 2, kT = 6;
#else
constexpr int kLanes = 2, kB = 2, kT = 6;
#endif
constexpr int kSmallT = 2;
typedef double vd __attribute__((vector_size(kLanes * sizeof(double))));
typedef std::int64_t vi __attribute__((vector_size(kLanes * sizeof(double))));

Eigen::Index round_up(Eigen::Index n, Eigen::Index m) { return (n + m - 1) / m * m; }

enum class Unit { ramp, softmax };

// The denoiser as h(y) = c + sum_u v_u g_u(z_u), z_u = (v_u . y - shift_u) * slope_u, padded to
// whole tiles: v_u[i] at dirs[u * dp + i] (zero in the padding), so one array serves both products.
// ramp: g_u = clamp(z_u, 0, length_u); softmax: g = softmax(z) (padded units: z = -inf).
struct Tiles {
  Unit unit = Unit::ramp;
  Eigen::Index d = 0, nu = 0, tile = kT, dp = 0, up = 0;
  std::vector<double> dirs, apex, length;
  std::vector<double> shift, slope;  // per level of the grid, `up` each

  Tiles(Unit u, const Eigen::MatrixXd& v, const Eigen::VectorXd& c)
      : unit(u), d(v.rows()), nu(v.cols()), tile(std::min(d, nu) < kT ? kSmallT : kT), dp(round_up(d, tile)),
        up(round_up(nu, tile)) {
    dirs.assign(static_cast<std::size_t>(dp * up), 0.0);
    apex.assign(static_cast<std::size_t>(dp), 0.0);
    length.assign(static_cast<std::size_t>(up), 0.0);
    for (Eigen::Index k = 0; k < nu; ++k)
      for (Eigen::Index i = 0; i < d; ++i) dirs[static_cast<std::size_t>(k * dp + i)] = v(i, k);
    for (Eigen::Index i = 0; i < d; ++i) apex[static_cast<std::size_t>(i)] = c(i);
  }
};

Tiles tiles_for(const MinNormDenoiser& den, const std::vector<double>& sigmas) {
  Tiles t(Unit::ramp, den.directions(), den.apex());
  for (Eigen::Index u = 0; u < t.nu; ++u) t.length[static_cast<std::size_t>(u)] = den.ramp(u, 0.0).length;
  for (double s : sigmas)
    for (Eigen::Index u = 0; u < t.up; ++u) {  // the padding: clamp(0, 0, 0) = 0
      const auto r = u < t.nu ? den.ramp(u, den.alpha() * s) : MinNormDenoiser::Ramp{0.0, 0.0, 0.0};
      t.shift.push_back(r.shift);
      t.slope.push_back(r.slope);
    }
  return t;
}

Tiles tiles_for(const EmmseDenoiser& den, const std::vector<double>& sigmas) {
  // -|y - x_u|^2 / (2 s^2) up to a constant per particle (the softmax drops it), on centred
  // data c_u = x_u - mean: (c_u . y - c_u . mean - |c_u|^2 / 2) / s^2.
  const Eigen::MatrixXd& c = den.centred();
  Tiles t(Unit::softmax, c, den.mean());
  for (double s : sigmas)
    for (Eigen::Index u = 0; u < t.up; ++u) {
      const bool real = u < t.nu;
      t.shift.push_back(real ? c.col(u).dot(den.mean()) + 0.5 * c.col(u).squaredNorm()
                             : std::numeric_limits<double>::infinity());
      t.slope.push_back(1.0 / (s * s));
    }
  return t;
}

vd vmax(vd a, vd b) { return a > b ? a : b; }
vd vmin(vd a, vd b) { return a < b ? a : b; }

// e^x for x in [-708, 0]: 2^k e^r with k = round(x / ln 2), |r| <= ln 2 / 2, 2^k written into
// the exponent bits. e^r: the degree-11 Chebyshev interpolant on that interval (mpmath's chebyfit,
// rounded to doubles; relative error 2e-16, the rounding's own), two multiply-adds fewer than
// Taylor's series to the same accuracy: the exp is a third of the MMSE's vector work.
vd exp_nonpositive(vd x) {
  const double magic = 6755399441055744.0;  // 1.5 * 2^52: adding it rounds to an integer in the low bits
  const vd t = x * 1.4426950408889634 + magic;
  const vd k = t - magic;
  const vd r = (x - k * 0.693147180369123816490) - k * 1.90821492927058770002e-10;  // ln 2, split
  static constexpr double coef[] = {2.5110037605963777e-08, 2.763263963904103e-07, 2.755724091857897e-06,
                                    2.4801485482328494e-05, 0.00019841269890047113, 0.0013888888952314775,
                                    0.008333333333319601,   0.0416666666664881,     0.1666666666666668,
                                    0.5000000000000019,     1.0,                    1.0};  // r^11 first
  // Estrin's scheme: a chain of 5 operations instead of Horner's 11 (the exps overlap better).
  const auto pair = [&](int n) { return r * coef[n] + coef[n + 1]; };  // coef[n] r + coef[n + 1]
  const vd r2 = r * r, r4 = r2 * r2;
  const vd hi = pair(0) * r2 + pair(2), mid = pair(4) * r2 + pair(6), lo = pair(8) * r2 + pair(10);
  const vd p = (hi * r4 + mid) * r4 + lo;
  const vi magic_bits = (vi)(vd{} + magic);
  const vi bits = ((vi)t - magic_bits + 1023) << 52;
  return p * (vd)bits;
}

// A softmax weight e^z for z = z_u - top <= 0. Weights below e^-700 (of the largest) are 0: no
// subnormals, which slow x86 down ~5x.
vd softmax_weight(vd z) { return z < -700.0 ? vd{} : exp_nonpositive(vmax(z, vd{} - 700.0)); }

// g_u <- e^(z_u - top) for every unit, scale <- 1 / sum_u g_u (the normalisation is left to the
// second product's end). Particles inner: kB independent sums, no chain through the units.
void softmax_units(const Tiles& t, const vd* top, vd* g, vd* scale) {
  vd sum[kB] = {};
  for (Eigen::Index u = 0; u < t.up; ++u)
    for (int b = 0; b < kB; ++b) {
      const vd w = softmax_weight(g[u * kB + b] - top[b]);
      g[u * kB + b] = w;
      sum[b] += w;
    }
  for (int b = 0; b < kB; ++b) scale[b] = 1.0 / sum[b];
}

// h(in) for one block at one level, handed row by row to finish(r, h_r) as the second product
// makes it (the step's update: no panel for h). in is dp rows of kB vectors, g is up rows of kB.
template <int T, Unit U, class Finish>
void denoise_block(const Tiles& t, const double* shift, const double* slope, const vd* in, vd* g, Finish& finish) {
  const double* c = t.dirs.data();
  vd top[kB], scale[kB];  // softmax: the largest z per particle, gathered as the z are made; 1 / sum
  for (int b = 0; b < kB; ++b) top[b] = vd{} - std::numeric_limits<double>::infinity();
  for (Eigen::Index u0 = 0; u0 < t.up; u0 += T) {  // z_u from v_u . y
    vd acc[T][kB] = {};
    for (Eigen::Index i = 0; i < t.d; ++i) {
      const vd* y = in + i * kB;
#pragma GCC unroll 16
      for (int k = 0; k < T; ++k) {
        const double w = c[(u0 + k) * t.dp + i];
#pragma GCC unroll 4
        for (int b = 0; b < kB; ++b) acc[k][b] += w * y[b];
      }
    }
#pragma GCC unroll 16
    for (int k = 0; k < T; ++k) {  // unrolled like the products: acc stays in registers
      const auto u = static_cast<std::size_t>(u0 + k);
      const vd hi = vd{} + t.length[u];
#pragma GCC unroll 4
      for (int b = 0; b < kB; ++b) {
        const vd z = (acc[k][b] - shift[u]) * slope[u];
        if (U == Unit::ramp) {
          g[(u0 + k) * kB + b] = vmin(vmax(z, vd{}), hi);
        } else {
          g[(u0 + k) * kB + b] = z;
          top[b] = vmax(top[b], z);
        }
      }
    }
  }
  if (U == Unit::softmax) softmax_units(t, top, g, scale);
  for (Eigen::Index i0 = 0; i0 < t.dp; i0 += T) {  // h = c + sum_u v_u g_u
    vd acc[T][kB];
    for (int k = 0; k < T; ++k)
      for (int b = 0; b < kB; ++b) acc[k][b] = U == Unit::ramp ? vd{} + t.apex[static_cast<std::size_t>(i0 + k)] : vd{};
    for (Eigen::Index u = 0; u < t.nu; ++u) {
      const vd* gu = g + u * kB;
      const double* col = c + u * t.dp + i0;
#pragma GCC unroll 16
      for (int k = 0; k < T; ++k) {
#pragma GCC unroll 4
        for (int b = 0; b < kB; ++b) acc[k][b] += col[k] * gu[b];
      }
    }
#pragma GCC unroll 16
    for (int k = 0; k < T; ++k)
#pragma GCC unroll 4
      for (int b = 0; b < kB; ++b)
        finish(static_cast<std::size_t>((i0 + k) * kB + b),
               U == Unit::ramp ? acc[k][b] : t.apex[static_cast<std::size_t>(i0 + k)] + acc[k][b] * scale[b]);
  }
}

template <class Finish>
void denoise_block(const Tiles& t, std::size_t level, const vd* in, vd* g, Finish&& finish) {
  const double* shift = t.shift.data() + static_cast<std::size_t>(t.up) * level;
  const double* slope = t.slope.data() + static_cast<std::size_t>(t.up) * level;
  const bool ramp = t.unit == Unit::ramp;
  if (t.tile == kT) {
    if (ramp) denoise_block<kT, Unit::ramp>(t, shift, slope, in, g, finish);
    else denoise_block<kT, Unit::softmax>(t, shift, slope, in, g, finish);
  } else {
    if (ramp) denoise_block<kSmallT, Unit::ramp>(t, shift, slope, in, g, finish);
    else denoise_block<kSmallT, Unit::softmax>(t, shift, slope, in, g, finish);
  }
}

// One block's panels (a particle per lane), allocated once and reused block after block. Three
// panels and the tiles fit a 32 KB L1 at N = d = 30.
struct Panels {
  std::vector<vd> y, ye, g;
  explicit Panels(const Tiles& t)
      : y(static_cast<std::size_t>(t.dp * kB)), ye(y.size()), g(static_cast<std::size_t>(t.up * kB)) {}
};
constexpr Eigen::Index kPerBlock = kLanes * kB;

void load_block(const Tiles& t, const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Index j0, Eigen::Index nb,
                Panels& p) {
  std::fill(p.y.begin(), p.y.end(), vd{});
  for (Eigen::Index j = 0; j < nb; ++j)  // transpose in: lane j % kLanes of vector j / kLanes
    for (Eigen::Index i = 0; i < t.d; ++i) p.y[static_cast<std::size_t>(i * kB + j / kLanes)][j % kLanes] = Y(i, j0 + j);
}

void store_block(const Tiles& t, const Panels& p, Eigen::Index j0, Eigen::Index nb, Eigen::Ref<Eigen::MatrixXd> Y) {
  for (Eigen::Index j = 0; j < nb; ++j)
    for (Eigen::Index i = 0; i < t.d; ++i) Y(i, j0 + j) = p.y[static_cast<std::size_t>(i * kB + j / kLanes)][j % kLanes];
}

// Every block of Y through `steps(panels)`: transposed in, stepped, transposed out.
template <class Steps>
void each_block(const Tiles& t, Panels& p, Eigen::Ref<Eigen::MatrixXd> Y, Steps&& steps) {
  for (Eigen::Index j0 = 0; j0 < Y.cols(); j0 += kPerBlock) {
    const Eigen::Index nb = std::min(kPerBlock, Y.cols() - j0);
    load_block(t, Y, j0, nb, p);
    steps(p);
    store_block(t, p, j0, nb, Y);
  }
}

// The block from level s to level s + 1 of the grid; dy/dsigma = (y - h)/sigma. Heun as
// y + dt/2 k1 (kept in y) + dt/2 k2, so k1 needs no panel of its own.
void step_block(const Tiles& t, const std::vector<double>& sg, std::size_t s, bool heun, Panels& p) {
  const double s0 = sg[s], dt = sg[s + 1] - s0, s1 = s0 + dt;
  const double r0 = 1.0 / s0, r1 = 1.0 / s1;  // a vector division costs ~16 multiplies
  vd* y = p.y.data();
  vd* ye = p.ye.data();
  if (!heun) {  // rows of y are written only after the first product has read them all
    denoise_block(t, s, y, p.g.data(), [&](std::size_t r, vd h) { y[r] += dt * ((y[r] - h) * r0); });
    return;
  }
  denoise_block(t, s, y, p.g.data(), [&](std::size_t r, vd h) {
    const vd k1 = (y[r] - h) * r0;
    ye[r] = y[r] + dt * k1;
    y[r] += (0.5 * dt) * k1;
  });
  denoise_block(t, s + 1, ye, p.g.data(), [&](std::size_t r, vd h) { y[r] += (0.5 * dt) * ((ye[r] - h) * r1); });
}

Tiles tiles_for(const Denoiser& den, const std::vector<double>& sg) {
  if (const auto* closed = dynamic_cast<const MinNormDenoiser*>(&den)) return tiles_for(*closed, sg);
  return tiles_for(dynamic_cast<const EmmseDenoiser&>(den), sg);
}
}  // namespace

int fused_lanes() { return kLanes; }

double fused_exp(double x) { return softmax_weight(vd{} + x)[0]; }

bool fused_applies(const Denoiser& den, const FlowOptions& opt) {
  if (opt.kind != FlowKind::pf || (opt.integrator != Integrator::euler && opt.integrator != Integrator::heun) ||
      !(opt.sigma_max > 0) || !den.check(opt.sigma_max))
    return false;
  if (const auto* m = dynamic_cast<const MinNormDenoiser*>(&den)) return m->directions().cols() > 0;
  return dynamic_cast<const EmmseDenoiser*>(&den) != nullptr;
}

Result<FlowReport> run_fused_pf(const Denoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y) {
  if (!fused_applies(den, opt))
    return Error{"the fused flow is the probability flow (euler or heun) of the closed form, feasible, or of the MMSE"};
  if (Y.rows() != den.dim()) return Error{"the particles' dimension is not the data's"};
  auto grid = noise_grid(opt.grid, opt.sigma_max, opt.sigma_min, opt.steps);
  if (!grid) return grid.error();
  const std::vector<double>& sg = grid.value();
  const Tiles t = tiles_for(den, sg);
  const bool heun = opt.integrator == Integrator::heun;
  Panels panels(t);
  each_block(t, panels, Y, [&](Panels& p) {  // every step while the block sits in L1
    for (std::size_t s = 0; s + 1 < sg.size(); ++s) step_block(t, sg, s, heun, p);
  });
  if (!Y.allFinite()) return Error{"the fused flow diverged (NaN or inf)" + extreme_step(sg)};
  FlowReport r;
  r.steps = static_cast<int>(sg.size()) - 1;
  r.evaluations = r.steps * (heun ? 2 : 1);
  r.t = sg.back();
  return r;
}

struct FusedSteps::Impl {
  Tiles tiles;
  std::vector<double> grid;
  bool heun;
  Panels panels;
  Impl(const Denoiser& den, const std::vector<double>& g, bool h)
      : tiles(tiles_for(den, g)), grid(g), heun(h), panels(tiles) {}
};

std::shared_ptr<FusedSteps> FusedSteps::create(const Denoiser& den, const FlowOptions& opt,
                                               const std::vector<double>& grid) {
  if (!fused_applies(den, opt) || grid.size() < 2) return nullptr;
  std::shared_ptr<FusedSteps> f(new FusedSteps);
  f->impl_ = std::make_unique<Impl>(den, grid, opt.integrator == Integrator::heun);
  return f;
}

FusedSteps::~FusedSteps() = default;

void FusedSteps::step(std::size_t i, Eigen::Ref<Eigen::MatrixXd> Y) {
  Impl& m = *impl_;
  each_block(m.tiles, m.panels, Y, [&](Panels& p) { step_block(m.tiles, m.grid, i, m.heun, p); });
}

}  // namespace flowlab

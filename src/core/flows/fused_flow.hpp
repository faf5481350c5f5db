#pragma once
// The probability flow of the closed form and of the empirical MMSE denoiser,
// fused for the batch experiments' hot loop: each block of particles (one SIMD
// lane per particle) goes through every Euler or Heun step of the grid while it
// sits in registers and L1, the denoiser's two products as register-tiled
// multiply-adds. Both denoisers are h(y) = c + sum_u v_u g_u(v_u . y) with a
// per-unit nonlinearity between the products: the ramps (min-norm) or a softmax
// over the units (MMSE, v_u = x_u - mean). Flow does the same arithmetic as
// separate Eigen passes over the chunk, which leave the cores waiting on memory.
// Same algorithm, grid and steps; equal to Flow's endpoints up to rounding.
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "core/flows/flow.hpp"

namespace flowlab {

// Whether the fused path takes this flow: pf with euler or heun; the closed form
// (feasible at sigma_max, so at every level: no fallback) or the empirical MMSE.
bool fused_applies(const Denoiser& den, const FlowOptions& opt);

// Y: d by #P, integrated in place.
Result<FlowReport> run_fused_pf(const Denoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y);

// The same kernel one step at a time, for Flow (the web app steps once or a few times per
// frame): the tiles for the grid built once. A Flow's copies share it: step one at a time.
class FusedSteps {
 public:
  // nullptr where fused_applies is false.
  static std::shared_ptr<FusedSteps> create(const Denoiser& den, const FlowOptions& opt,
                                            const std::vector<double>& grid);
  ~FusedSteps();
  void step(std::size_t i, Eigen::Ref<Eigen::MatrixXd> Y);  // from grid[i] to grid[i + 1]

 private:
  FusedSteps() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The MMSE kernel's softmax weight e^x for x <= 0 (0 below -700), so the tests can hold it to std::exp.
double fused_exp(double x);

// Particles per SIMD vector in this build (8 with AVX-512, 4 with AVX, else 2: SSE2 or WASM SIMD).
int fused_lanes();

}  // namespace flowlab

#pragma once
// The closed form's probability flow, fused for the batch experiments' hot
// loop: each block of particles (one SIMD lane per particle) goes through every
// Euler or Heun step of the grid while it sits in registers and L1, the
// denoiser's two products as register-tiled multiply-adds. Flow with
// MinNormDenoiser does the same arithmetic as separate Eigen passes over the
// chunk, which leave the cores mostly waiting on memory. Same algorithm, grid
// and steps; equal to Flow's endpoints up to rounding (a test checks 1e-9).
#include <Eigen/Core>

#include "flow.hpp"
#include "minnorm.hpp"

namespace flowlab {

// Whether the fused path takes this flow: pf with euler or heun, and the closed
// form feasible at sigma_max (so at every level of the grid: no fallback).
bool fused_applies(const MinNormDenoiser& den, const FlowOptions& opt);

// Y: d by #P, integrated in place.
Result<FlowReport> run_fused_pf(const MinNormDenoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y);

// Particles per SIMD vector in this build (8 with AVX-512, 4 with AVX, else 2: SSE2 or WASM SIMD).
int fused_lanes();

}  // namespace flowlab

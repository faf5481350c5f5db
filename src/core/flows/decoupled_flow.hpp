#pragma once
// The probability flow of the closed form on orthogonal rays, the cheap exact
// way: with orthonormal unit directions V (one unit per ray: orthogonal data,
// right simplexes) the flow splits into #U scalar ODEs
//   ds_u/dsigma = -(a_u + G_u(s_u) - s_u)/sigma,   s = V^T y, a = V^T apex,
// and the rest of y, q = (y - V s) - (apex - V a), obeys dq/dsigma = q/sigma: one
// scalar factor per step for every particle. So: project once, integrate the
// coordinates (Euler or Heun, the same steps as Flow on the same grid), project
// back. The endpoints equal Flow's up to rounding (a test checks 1e-9).
#include <Eigen/Core>

#include "core/flows/flow.hpp"
#include "core/denoisers/minnorm.hpp"

namespace flowlab {

// Whether the denoiser's unit directions are orthonormal (the fast path applies).
bool decouples(const MinNormDenoiser& den);

// pf only, Euler or Heun. Y: d by #P, integrated in place; threads over the coordinates
// (0: every core; one in WASM), the result independent of their number.
Result<FlowReport> run_decoupled_pf(const MinNormDenoiser& den, const FlowOptions& opt, Eigen::Ref<Eigen::MatrixXd> Y,
                                    int threads = 1);

}  // namespace flowlab

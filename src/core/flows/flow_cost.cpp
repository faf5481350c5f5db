#include "core/flows/flow_cost.hpp"

#include <algorithm>

namespace flowlab::budget {
namespace {
double f(std::int64_t x) { return static_cast<double>(x); }
}  // namespace

Cost flow_step(const DenoiserShape& s, std::int64_t particles, Integrator integrator, std::int64_t steps) {
  const double p = f(std::max<std::int64_t>(0, particles)), d = f(std::max<std::int64_t>(1, s.dim));
  const double evals = integrator == Integrator::adaptive ? 7 : evaluations_per_step(integrator);
  const double n = f(std::max<std::int64_t>(1, s.points));
  Cost c;
  // The evaluations, the stages' updates (about 8 passes over d), and the classification (projection on the
  // edges); each with a fixed cost per particle (loop and call overhead, measured by bench/budget_bench).
  c.flops = p * (evals * (eval_flops(s) + 8 * d + kParticleOverhead) + 2 * n * d + kParticleOverhead);
  // The particles, their start, the integrator's stages and the classification, per coordinate; the noise grid.
  c.bytes = p * d * 8 * (4 + evals) + p * 32 + 8 * f(std::max<std::int64_t>(1, steps));
  return c;
}

}  // namespace flowlab::budget

#pragma once
// The budget's estimate of a flow step (runtime/budget.hpp holds the rest of the cost model): it
// lives with the flows because it counts the integrator's evaluations per step.
#include <cstdint>

#include "core/flows/integrators.hpp"
#include "core/runtime/budget.hpp"

namespace flowlab::budget {

// One flow step of `particles` particles (every evaluation of the integrator, the update, the classification).
Cost flow_step(const DenoiserShape& s, std::int64_t particles, Integrator integrator, std::int64_t steps);

}  // namespace flowlab::budget

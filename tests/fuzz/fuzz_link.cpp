// libFuzzer: a share link, decoded, re-encoded and decoded again, must come back
// the same (no notices the second time), and the state it opens must be within
// the page's budget and build a Simulation (its sizes capped for the fuzzer's pace).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/budget_fit.hpp"
#include "app/share_link.hpp"
#include "app/simulation.hpp"

using namespace flowlab::app;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string fragment(reinterpret_cast<const char*>(data), size);
  const LinkRead first = from_fragment(fragment);
  const std::string again = to_fragment(first.state);
  const LinkRead second = from_fragment(again);
  if (!second.notices.empty() || !second.budget.empty() || second.state != first.state) std::abort();
  if (step_cost(first.state).flops > kFrameFlops) std::abort();
  if (step_cost(first.state).bytes + epoch_cost(first.state).bytes > kPageBytes) std::abort();
  // The simulation it builds, with the sizes the budget lets through scaled down (the budget's own
  // arithmetic is checked above): the fuzzer explores states, not large allocations. Data of more
  // coordinates than a custom link may carry (2^14) are not built: finding their rays is O(n^2 d),
  // under a second natively at the largest (n = 256, d = 4096) but up to 10 s a run under the
  // sanitizers and coverage; a campaign drawn to them ran at a fifth of its pace.
  const long dim = dim_of(first.state);
  if (points_in(first.state) * dim > kMaxCoordinates) return 0;
  // Nor is a trained network over d > 256: its linear term and the optimiser's moments are 4 d^2
  // numbers (512 MB at d = 4096) to zero-fill: at d = 1414, 340 ms natively, the corpus's slowest
  // input. The budget's arithmetic above still checks them.
  if (first.state.uses("trained") && dim * dim > (1L << 16)) return 0;
  AppState small = first.state;
  small.particles = std::min(small.particles, 16);
  small.steps = std::min(small.steps, 50);
  small.samples = std::min(small.samples, 4);
  small.width = std::min(small.width, 8);
  small.nodes = std::min(small.nodes, 8);
  Simulation sim;
  sim.apply(small);
  sim.step(2);
  sim.train(0.0);
  return 0;
}

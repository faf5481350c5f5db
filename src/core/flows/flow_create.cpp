// Flow::create and the constructor (the checks, the memory budget, the noise grid, the buffers), once
// per flow, with final_sigma and the flows' names.
// Apart from flow.cpp (the steps) so that the page can compile this part for size.
#include "core/flows/flow.hpp"

#include <algorithm>
#include <cmath>

#include "core/flows/flow_cost.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/enum_names.hpp"
#include "core/flows/fused_flow.hpp"

namespace flowlab {

double final_sigma(const FlowOptions& opt) {
  return fixed_sigma(opt.kind) ? opt.sigma : opt.sigma_min;
}

namespace {
const EnumTable<FlowKind, 4> kFlowKinds = {
    {FlowKind::score, "score"}, {FlowKind::pf, "pf"}, {FlowKind::sde, "sde"}, {FlowKind::langevin, "langevin"}};
}  // namespace

Result<FlowKind> parse_flow_kind(const std::string& s) { return parse_enum(s, kFlowKinds, "flow"); }
const char* to_string(FlowKind k) { return enum_name(k, kFlowKinds); }

Result<Flow> Flow::create(const Denoiser& den, const FlowOptions& opt, Eigen::Index particles) {
  if (particles < 0) return Error{"the number of particles must be >= 0"};
  if (opt.steps > budget::kMaxSteps)
    return Error{"steps must be at most " + std::to_string(budget::kMaxSteps) + " (got " + std::to_string(opt.steps) + ")"};
  {
    budget::DenoiserShape shape;  // the bytes depend on the dimension alone
    shape.dim = den.dim();
    const double bytes = budget::flow_step(shape, particles, opt.integrator, opt.steps).bytes;
    if (auto s = budget::fits_memory(bytes, "a flow of " + std::to_string(particles) + " particles in dimension " +
                                                std::to_string(den.dim()));
        !s)
      return Error{s.message()};
  }
  std::vector<double> grid;
  if (fixed_sigma(opt.kind)) {
    if (auto s = den.check(opt.sigma); !s) return Error{s.message()};
    if (!(opt.time > 0) || !std::isfinite(opt.time)) return Error{"the flow time must be > 0 (got " + format_number(opt.time) + ")"};
    if (opt.steps < 1) return Error{"steps must be >= 1 (got " + std::to_string(opt.steps) + ")"};
    if (!(opt.tol > 0)) return Error{"the tolerance must be > 0"};
    if (!(opt.rtol > 0)) return Error{"the adaptive tolerance must be > 0"};
  } else {
    auto g = noise_grid(opt.grid, opt.sigma_max, opt.sigma_min, opt.steps);
    if (!g) return g.error();
    grid = std::move(g).value();
    for (std::size_t i = 0; i < grid.size(); ++i) {
      for (double s : {grid[i], i + 1 < grid.size() ? 0.5 * (grid[i] + grid[i + 1]) : grid[i]})
        if (auto st = den.check(s); !st)
          return Error{"at noise level sigma = " + format_number(s) + " of the grid: " + st.message()};
    }
  }
  return Flow(den, opt, particles, std::move(grid));
}

Flow::Flow(const Denoiser& den, const FlowOptions& opt, Eigen::Index particles, std::vector<double> grid)
    : den_(&den), opt_(opt), grid_(std::move(grid)), rng_(opt.seed) {
  const Eigen::Index d = den.dim();
  buf_.resize(d, particles, opt.integrator);
  H_.resize(d, particles);
  prev_.resize(d, particles);
  if (opt.kind == FlowKind::sde || opt.kind == FlowKind::langevin) noise_.resize(d, particles);
  if (opt.kind == FlowKind::pf && opt.fused) fused_ = FusedSteps::create(den, opt, grid_);
  report_.t = fixed_sigma(opt.kind) ? 0.0 : grid_.front();
  if (opt.integrator == Integrator::adaptive)
    h_ = fixed_sigma(opt.kind) ? std::min(0.1, opt.time) : (grid_.back() - grid_.front()) / opt.steps;
}

}  // namespace flowlab

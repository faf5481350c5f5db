#pragma once
// The flows a denoiser induces (DESIGN.md §1.2), with the score
// s(y) = (h_sigma(y) - y) / sigma^2 (Tweedie):
//   score:    dy/dr = h_sigma(y) - y at a fixed sigma (fixed rho), run until
//             every particle has stopped (|dy/dr| < tol) or r reaches `time`;
//   pf:       the probability-flow ODE (VE), dy/dsigma = -(h_sigma(y) - y)/sigma,
//             from sigma_max down to sigma_min over a noise grid;
//   sde:      the reverse SDE by Euler–Maruyama over the same grid,
//             y <- y + (s_i^2 - s_{i+1}^2) score + sqrt(s_i^2 - s_{i+1}^2) z;
//   langevin: y <- y + dt (h_sigma(y) - y) + sqrt(2 dt) sigma z at fixed sigma.
// A Flow advances a d by #P batch one step at a time (the app calls step()
// per frame; batch tools call run()). Buffers are sized at creation: no step allocates.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"
#include "core/flows/integrators.hpp"
#include "core/data/rng.hpp"
#include "core/flows/schedule.hpp"

namespace flowlab {

enum class FlowKind { score, pf, sde, langevin };
Result<FlowKind> parse_flow_kind(const std::string& s);
const char* to_string(FlowKind k);
// score and langevin run at one noise level; pf and sde go down a grid of them.
inline bool fixed_sigma(FlowKind k) { return k == FlowKind::score || k == FlowKind::langevin; }

struct FlowOptions {
  FlowKind kind = FlowKind::pf;
  Integrator integrator = Integrator::heun;
  double sigma = 0.1;        // score, langevin: the fixed noise level
  double sigma_max = 1.0;    // pf, sde
  double sigma_min = 1e-3;   // pf, sde: early stopping
  int steps = 200;           // pf, sde: grid steps; score, langevin with a fixed-step integrator: steps over `time`
  Grid grid = Grid::edm;
  double time = 200.0;       // score, langevin: total flow time r
  double tol = 1e-10;        // score: stop once max |dy/dr| < tol
  double rtol = 1e-6;        // adaptive: relative local error (absolute: tol/10 for score, rtol/1000 for pf)
  std::uint64_t seed = 1;    // sde, langevin
  bool fused = true;         // pf, euler/heun, closed form or MMSE: the fused kernel (fused_flow.hpp); false: Eigen passes
};

// The noise level at which the flow ends: sigma_min (pf, sde) or the fixed sigma (score,
// langevin); the denoised sample of a particle is h at this level.
double final_sigma(const FlowOptions& opt);

struct FlowReport {
  int steps = 0;             // steps taken (accepted steps when adaptive)
  long evaluations = 0;      // denoiser evaluations of the whole batch
  int fallback_steps = 0;    // steps whose noise level used the denoiser's fallback
  double t = 0.0;            // where the flow stands: sigma (pf, sde) or time r (score, langevin)
  bool converged = false;    // score: every particle stopped before `time`
  Status status;             // not ok if the flow diverged (NaN/inf); the particles keep their last finite state
};

// One fixed step (Euler or Heun) for an engine that moves the particles itself (the page's GPU
// path), which evaluates the denoiser's form (form.hpp) at the levels named here and applies:
//   pf:       dy/dsigma = (y - h_sigma(y)) / sigma, one step from sigma = t to t + h (h < 0);
//   score:    dy/dr = h_sigma(y) - y, one step of length h at the fixed sigma;
//   sde:      y += a (h_t(y) - y) + b z;   langevin: the same at t = sigma;   z ~ N(0, I) per particle.
// Heun evaluates h at t and t + h (pf), or twice at sigma (score).
struct PlannedStep {
  double t = 0.0, h = 0.0;  // the level (pf, sde, langevin; score: sigma) and the step
  double a = 0.0, b = 0.0;  // sde, langevin
  int index = 0;            // the step's number from 0 (a counter-based generator's key)
};

class FusedSteps;

class Flow {
 public:
  // Validates the options against the denoiser (noise levels, feasibility of
  // every level it will use). `den` must outlive the Flow.
  static Result<Flow> create(const Denoiser& den, const FlowOptions& opt, Eigen::Index particles);

  // Advances Y (d by #P) by one step; returns false once the flow has finished or failed.
  bool step(Eigen::Ref<Eigen::MatrixXd> Y);
  // Runs to the end; `progress` (if set) is called with the fraction done after each step.
  const FlowReport& run(Eigen::Ref<Eigen::MatrixXd> Y, const std::function<void(double)>& progress = {});
  // The next step as coefficients, its bookkeeping (steps, t, done, fallback steps) done as step()
  // does, for an engine that applies it itself; none once the flow is done, or when the integrator
  // is neither Euler nor Heun. A score flow planned this way runs its whole time (no early stop).
  std::optional<PlannedStep> plan_step();
  // The step plan_step() would plan next, with nothing done: an engine that spreads one step's
  // particles over several frames runs it, and plans it once every particle has taken it.
  std::optional<PlannedStep> next_step() const;
  // Ends the flow with an error (an engine found its particles diverged).
  void fail(Status why);
  bool done() const { return done_; }
  double progress() const;
  const FlowReport& report() const { return report_; }
  const FlowOptions& options() const { return opt_; }
  const std::vector<double>& grid() const { return grid_; }

 private:
  Flow(const Denoiser& den, const FlowOptions& opt, Eigen::Index particles, std::vector<double> grid);
  void drift(const Eigen::Ref<const Eigen::MatrixXd>& Y, double t, Eigen::Ref<Eigen::MatrixXd> F);

  const Denoiser* den_;
  FlowOptions opt_;
  std::vector<double> grid_;  // pf, sde: the noise levels
  Workspace ws_;
  OdeBuffers buf_;
  Eigen::MatrixXd H_, prev_, noise_;
  Rng rng_;
  FlowReport report_;
  double h_ = 0.0;            // adaptive: next step size
  bool fsal_ = false;
  bool done_ = false;
  std::shared_ptr<FusedSteps> fused_;  // pf on the closed form or the MMSE: one fused step at a time
};

}  // namespace flowlab

#include "gpu_engine.hpp"

#include <algorithm>
#include <chrono>

#include "gpu/flow_kernel.hpp"

namespace flowlab::app {

namespace {
Eigen::Index range_cap = 0;  // set_gpu_range_cap
}  // namespace

void set_gpu_range_cap(Eigen::Index particles) { range_cap = std::max<Eigen::Index>(0, particles); }

GpuEngine::GpuEngine() = default;
GpuEngine::~GpuEngine() = default;

bool GpuEngine::ready() const {
  if (tried_ == 0) {
    kernels_.clear();
    for (int i = 0; i < 2; ++i) {  // two panes side by side at most
      kernels_.push_back(std::make_unique<gpu::FlowKernel>());
      if (!kernels_.back()->init(error_)) {
        error_ = "the GPU path is unavailable (" + error_ + "); the flow runs on the CPU";
        kernels_.clear();
        break;
      }
    }
    tried_ = kernels_.empty() ? -1 : 1;
  }
  return tried_ == 1;
}

bool GpuEngine::accepts(const AppState& state, const Simulation& sim) const {
  asked_ = state.gpu;
  if (!state.gpu || sim.inverse() || sim.panes() > 2 || sim.data().rows() > gpu::kMaxDim) return false;
  read_every_frame_ = sim.data().rows() < 2 || state.view == "img";
  bool any = false;
  for (int i = 0; i < sim.panes(); ++i) {
    const Pane& p = sim.pane(i);
    if (!p.flow || !p.denoiser || p.sampler) continue;
    if (p.flow->done()) continue;
    const Integrator in = p.flow->options().integrator;
    if (in != Integrator::euler && in != Integrator::heun) return false;
    if (!gpu::fits(p.denoiser->form(sim.sigma_now()), sim.data().rows())) return false;
    any = true;
  }
  return any && ready();
}

void GpuEngine::step(Simulation& sim, int steps, double budget_ms) {
  // The GPU runs the steps after this returns, so they cannot be timed here; a read-back waits for
  // everything queued, so its wait says how far the GPU lags. A frame queues the steps asked for
  // (speed), at most `quota_` units' evaluations (a network's units, or the MMSE's points times its
  // shifts, per particle and evaluation), a step split into ranges of particles over several frames
  // where one step is more: the quota doubles while the read-backs wait less than the frame's budget
  // (and the quota is what limits the steps), and halves when they wait more than four times it. On a slow GPU (or a CPU
  // renderer such as SwiftShader, which shares the page's cores) the flow runs slower, never the
  // frames. A step is planned in the flow (plan_step) once all its ranges ran.
  started_.resize(2, 0);
  steps_.resize(2, -1);
  bool any = false, read = false;
  const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  int running = 0;  // side by side the panes share the frame's quota
  for (int i = 0; i < sim.panes(); ++i) {
    const Pane& p = sim.engine_pane(i);
    if (p.flow && p.denoiser && !p.flow->done()) ++running;
  }
  const double share = quota_ / std::max(1, running);
  for (int i = 0; i < sim.panes(); ++i) {
    Pane& p = sim.engine_pane(i);
    if (!p.flow || !p.denoiser || p.flow->done()) continue;
    gpu::FlowKernel& k = *kernels_[static_cast<std::size_t>(i)];
    const auto slot = static_cast<std::size_t>(i);
    const Eigen::Index count = p.particles.cols();
    if (started_[slot] != sim.started() || steps_[slot] != p.flow->report().steps || k.count() != count) {
      k.load(p.particles);  // new particles, or the CPU engine stepped them meanwhile
      started_[slot] = sim.started();
      next_[slot] = 0;
    }
    const FlowOptions& o = p.flow->options();
    double quota = share;
    for (int s = 0; s < steps && quota > 0;) {
      const auto plan = p.flow->next_step();
      if (!plan) break;
      if (next_[slot] == 0) {  // a new step: its levels' forms, and what a particle's step costs
        const DenoiserForm f = p.denoiser->form(plan->t);
        const bool two = o.integrator == Integrator::heun && (o.kind == FlowKind::pf || o.kind == FlowKind::score);
        cost_[slot] = (two ? 2.0 : 1.0) * static_cast<double>(std::max<Eigen::Index>(1, gpu::units(f)));
        k.set_form(0, f);
        if (o.kind == FlowKind::pf && o.integrator == Integrator::heun) k.set_form(1, p.denoiser->form(plan->t + plan->h));
      }
      // The quota never falls under 2^20 units, so a flow always moves (where drawing the particles
      // is what makes the read-backs wait, as with a million points on a CPU renderer, the quota
      // cannot tell), and the budget keeps a step within 2^28 (kGpuStepUnits, budget_fit.hpp): at
      // most 256 frames a step (512 side by side), whatever the scene asks.
      const double fit = std::max(quota / cost_[slot], 64.0);
      Eigen::Index n = std::min<Eigen::Index>(count - next_[slot], static_cast<Eigen::Index>(std::min(fit, 1e15)));
      if (range_cap > 0) n = std::min(n, range_cap);
      k.step(o.kind, o.integrator, *plan, o.seed, next_[slot], n);
      next_[slot] += n, quota -= static_cast<double>(n) * cost_[slot];
      if (next_[slot] < count) break;  // the rest of this step next frame
      next_[slot] = 0;
      p.flow->plan_step();  // every particle took it: the flow's bookkeeping
      ++s;
    }
    busy_ = busy_ || share - quota >= 0.5 * share;  // the quota limited, or nearly, this frame's steps
    p.gpu_buffer = read_every_frame_ ? 0u : static_cast<unsigned>(k.buffer());
    steps_[slot] = p.flow->report().steps;
    any = any || !p.flow->done();
    // Read back for the statistics and the classes a few times a second, and at the end: the points
    // are drawn from the buffer meanwhile (every frame where they are drawn from `particles`). The
    // buffer read holds the last whole step, even while a step is split over frames.
    if (!read_every_frame_ && !p.flow->done() && now - last_read_ < 0.25) continue;
    read = true;
    Eigen::MatrixXd& fresh = read_[slot];  // read beside the particles, swapped in when finite: no copy
    fresh.resize(p.particles.rows(), count);
    const auto t0 = std::chrono::steady_clock::now();
    k.read(fresh);
    const double waited = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (waited < budget_ms && busy_) quota_ = std::min(2.0 * quota_, 1e13);
    else if (waited > 4 * budget_ms) quota_ = std::max(0.5 * quota_, 1048576.0);
    busy_ = false;
    if (fresh.allFinite()) {
      p.particles.swap(fresh);
    } else {  // float32 overflowed: keep the last finite positions, drawn and held
      p.gpu_buffer = 0;
      k.load(p.particles);
      p.flow->fail(Error{std::string("the ") + to_string(o.kind) + " flow diverged on the GPU (float32) by step " +
                         std::to_string(p.flow->report().steps) + "; the particles keep their last positions read back. "
                         "Use gpu=0 (double precision), more steps or a smaller sigma_max"});
    }
  }
  if (read) last_read_ = now;
  sim.finish(any, read);  // the classes follow the read-backs (a million particles' are not free)
}

void GpuEngine::sync(Simulation& sim) {
  bool read = false;
  for (int i = 0; i < sim.panes() && i < static_cast<int>(kernels_.size()); ++i) {
    Pane& p = sim.engine_pane(i);
    if (!p.gpu_buffer || kernels_[static_cast<std::size_t>(i)]->count() != p.particles.cols()) continue;
    kernels_[static_cast<std::size_t>(i)]->read(p.particles);
    p.gpu_buffer = 0;  // drawn from `particles` until the engine steps again
    read = true;
  }
  if (read) sim.finish(false);  // classified where they stand
}

}  // namespace flowlab::app

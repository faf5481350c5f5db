#include "gpu_engine.hpp"

#include <chrono>

#include "gpu/flow_kernel.hpp"

namespace flowlab::app {

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

void GpuEngine::step(Simulation& sim, int steps, double /*budget_ms*/) {
  // The GPU runs the steps after this returns: the frame's budget cannot be timed here, so every
  // step asked for is queued (speed sets how many a frame).
  started_.resize(2, 0);
  steps_.resize(2, -1);
  bool any = false, read = false;
  const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  for (int i = 0; i < sim.panes(); ++i) {
    Pane& p = sim.engine_pane(i);
    if (!p.flow || !p.denoiser || p.flow->done()) continue;
    gpu::FlowKernel& k = *kernels_[static_cast<std::size_t>(i)];
    const auto slot = static_cast<std::size_t>(i);
    if (started_[slot] != sim.started() || steps_[slot] != p.flow->report().steps || k.count() != p.particles.cols()) {
      k.load(p.particles);  // new particles, or the CPU engine stepped them meanwhile
      started_[slot] = sim.started();
    }
    const FlowOptions& o = p.flow->options();
    for (int s = 0; s < steps; ++s) {
      const auto plan = p.flow->plan_step();
      if (!plan) break;
      k.set_form(0, p.denoiser->form(plan->t));
      if (o.kind == FlowKind::pf && o.integrator == Integrator::heun) k.set_form(1, p.denoiser->form(plan->t + plan->h));
      k.step(o.kind, o.integrator, *plan, o.seed);
    }
    p.gpu_buffer = read_every_frame_ ? 0u : static_cast<unsigned>(k.buffer());
    steps_[slot] = p.flow->report().steps;
    any = any || !p.flow->done();
    // Read back for the statistics and the classes a few times a second, and at the end: the
    // points are drawn from the buffer meanwhile (every frame where they are drawn from `particles`).
    if (!read_every_frame_ && !p.flow->done() && now - last_read_ < 0.25) continue;
    read = true;
    const Eigen::MatrixXd before = p.particles;
    k.read(p.particles);
    if (!p.particles.allFinite()) {  // float32 overflowed: keep the last finite positions, drawn and held
      p.particles = before;
      p.gpu_buffer = 0;
      k.load(p.particles);
      p.flow->fail(Error{std::string("the ") + to_string(o.kind) + " flow diverged on the GPU (float32) by step " +
                         std::to_string(p.flow->report().steps) + "; the particles keep their last positions read back. "
                         "Use gpu=0 (double precision), more steps or a smaller sigma_max"});
    }
  }
  if (read) last_read_ = now;
  sim.finish(any);
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

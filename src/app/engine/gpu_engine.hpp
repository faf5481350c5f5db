#pragma once
// The flows of scenes of dimension up to 4 on the GPU (src/gpu): with gpu=1 in the link, for every
// flow (score, pf, sde, langevin) with Euler or Heun and every denoiser with a form
// (core/denoisers/form.hpp). The core plans each step (Flow::plan_step: levels, coefficients, the
// flow's bookkeeping) and hands the denoiser's form at its levels; the kernel evaluates them in
// float32. The points view draws the particles from the kernel's buffer (Pane::gpu_buffer); they
// are read back four times a second and when the flow ends (every frame for 1-D data and images),
// so the classification, the statistics and the exports use the GPU's endpoints, and sync() hands
// them to another engine at any step. A frame queues what the GPU keeps up with (learnt from how
// long the read-backs wait), a step split over frames in ranges of particles where it must: the
// flow plans a step (plan_step) once every particle took it (next_step shows it before).
// The inverse-problem samplers, RK4 and the adaptive integrator stay on the CPU.
#include <memory>
#include <string>
#include <vector>

#include "engine.hpp"

namespace flowlab::gpu {
class FlowKernel;
}

namespace flowlab::app {

// Tests only (the request "split-steps"): at most `particles` particles a frame take a step, so
// every step is split over frames; 0 lifts the cap.
void set_gpu_range_cap(Eigen::Index particles);

class GpuEngine : public Engine {
 public:
  GpuEngine();
  ~GpuEngine() override;
  const char* name() const override { return "gpu"; }
  bool accepts(const AppState& state, const Simulation& sim) const override;
  bool available() const override { return ready(); }
  void step(Simulation& sim, int steps, double budget_ms) override;
  void sync(Simulation& sim) override;  // reads back the panes drawn from the buffers, and classifies them
  // Why the GPU path cannot run here (empty while it can, or before it was tried).
  const std::string& notice() const override { return asked_ ? error_ : none_; }

 private:
  bool ready() const;  // the kernels compiled (tried once)
  mutable std::vector<std::unique_ptr<gpu::FlowKernel>> kernels_;  // one per pane
  mutable int tried_ = 0;  // 0: not yet, 1: ready, -1: unavailable
  mutable std::string error_;
  const std::string none_;
  mutable bool asked_ = false;  // the state asks for the GPU path (gpu=1): only then is its absence news
  mutable bool read_every_frame_ = false;  // drawn from the particles, not the buffer (1-D, images)
  double last_read_ = -1e300;              // seconds (steady clock)
  // Units' evaluations a frame may queue, learnt from how long the read-backs wait (step()).
  double quota_ = 4194304;  // 2^22: a step of 2,000 particles through a network of 2,048 units
  double cost_[2] = {1, 1};  // each pane's units' evaluations per particle-step
  bool busy_ = false;  // a frame since the last read-back queued half its quota or more
  Eigen::Index next_[2] = {0, 0};  // each pane's next particle of a step split over frames (0: none)
  // What each kernel holds: the flows' start and the steps taken when it was loaded or last stepped.
  std::vector<std::uint64_t> started_;
  std::vector<int> steps_;
  Eigen::MatrixXd read_[2];  // each pane's last read-back, before it is found finite
};

}  // namespace flowlab::app

#pragma once
// Turns the AppState into data, denoisers, flows and particles, and advances
// them: everything numeric comes from the core. apply() rebuilds only what a
// change of state touches (new data rebuilds all; a new flow restarts the
// particles; a new view changes nothing). One pane, or two side by side with
// the same data, the same initial particles and the same seed.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/analysis/classify.hpp"
#include "core/denoisers/denoiser.hpp"
#include "core/flows/flow.hpp"
#include "core/inverse/inverse.hpp"
#include "core/denoisers/trained.hpp"
#include "state.hpp"

namespace flowlab::app {

struct Pane {
  std::string denoiser_name;
  std::unique_ptr<Denoiser> denoiser;
  std::optional<Flow> flow;
  std::optional<InverseSampler> sampler;  // the inverse-problem mode: instead of the flow
  Eigen::MatrixXd particles;         // d by #P
  Classification classes;            // empty while the pane has no flow: its particles never moved
  Eigen::MatrixXd samples;           // classify=denoised: h at the level now, what is classified
  bool denoised = false;             // the classes are of the denoised samples (h was defined at the level now)
  std::string error;                 // why this pane cannot run (infeasible without fallback, divergence)
  // The GPU engine's vertex buffer of these particles (vec4 float32 each, a GL name), drawn from
  // directly: between its read-backs (a few a second) it is newer than `particles`. 0: none.
  unsigned gpu_buffer = 0;
};

// Training of the "trained" denoiser, a few epochs per frame (train()).
struct Training {
  std::shared_ptr<TrainedModel> model;  // levels trained so far (read by the denoiser as it learns)
  std::optional<Trainer> trainer;       // the level in training
  std::vector<double> sigmas;           // all levels to train
  int level = 0;
  bool finished = false;
  std::string error;
  std::string key;                      // the settings it was started with
  // gd and sgd, a few times a second: the sharpness lambda_max against 2/lr, and how much of a
  // probe probability flow with the network as it stands ends at training points.
  struct Probe {
    int epoch;          // epochs over all levels so far
    double sharpness;   // of the level in training
    double memorized;   // fraction at training points (NaN when the probe could not run)
  };
  std::vector<Probe> probes;
  // Overall progress in [0, 1].
  double progress() const;
};

class Simulation {
 public:
  // Brings the simulation in line with `s`. Returns true if particles were reset.
  bool apply(const AppState& s);
  void reset();                       // particles back to their start, flows restarted
  // Advances every pane by up to `steps` flow steps, stopping early once `budget_ms` is spent
  // (after at least one step); false once all have finished.
  bool step(int steps, double budget_ms = 1e300);
  bool done() const;
  // For an engine that moves the particles itself (engine/): pane i, to step its flow's planned
  // steps and write its particles; then finish() does what step() does after its steps (errors,
  // the classification), given whether any flow goes on; `fresh` false: the particles are not new
  // since the last call (an engine that reads them back now and then), so the classes wait for them.
  // started() changes whenever the flows restart (new particles, a new flow, a reset).
  Pane& engine_pane(int i) { return panes_[static_cast<std::size_t>(i)]; }
  bool finish(bool any, bool fresh = true);
  std::uint64_t started() const { return started_; }

  const Eigen::MatrixXd& data() const { return data_; }            // d by #N
  const Eigen::MatrixXd& initial() const { return initial_; }      // d by #P
  int panes() const { return static_cast<int>(panes_.size()); }
  const Pane& pane(int i) const { return panes_[static_cast<std::size_t>(i)]; }
  double progress() const;
  // The noise level the flow stands at (pf, sde), or its fixed level (score, langevin).
  double sigma_now() const;
  double rho_now() const;             // alpha * sigma_now
  double alpha() const { return alpha_; }
  // Counts the classifications made: the particles' classes change only when it does.
  std::uint64_t classified() const { return classified_; }
  // Changes whenever the data (and so the classifier) are rebuilt.
  std::uint64_t classified_data() const { return data_generation_; }
  std::vector<EndClass> classes() const { return classifier_ ? classifier_->classes() : std::vector<EndClass>{}; }
  const Classifier* classifier() const { return classifier_ ? &*classifier_ : nullptr; }

  // What the page should say: data errors (no data), and warnings (infeasible levels, fallbacks).
  const std::string& error() const { return error_; }
  const std::string& warning() const { return warning_; }

  // The inverse-problem mode (state.inverse on 2-D data): the measurement and the exact posterior's
  // weight on each training point (empty outside the mode).
  bool inverse() const { return posterior_.size() > 0; }
  const Measurement& measurement() const { return measurement_; }
  const Eigen::VectorXd& posterior() const { return posterior_; }

  // Trains for about `budget_ms` (the trained denoiser; nothing otherwise). The field and the
  // particles follow the network as it learns. True while training goes on.
  bool train(double budget_ms);
  const Training& training() const { return training_; }
  void pause_training(bool paused) { training_paused_ = paused; }
  bool training_paused() const { return training_paused_; }
  // The network of the level nearest the current noise level (null when none is trained).
  const ShallowNet* trained_net() const;
  // Changes whenever something the field depends on changes without a change of state (the weights).
  std::uint64_t version() const { return version_; }

  // h(y) - y for pane i at noise level sigma, Y d by #G (for the field view).
  void drift(int pane, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& Y, Eigen::Ref<Eigen::MatrixXd> out) const;
  // Streamlines of that drift from the seeds (d by #S), laid out as trace_streamlines documents;
  // empty where the pane has no denoiser at this level.
  Eigen::MatrixXd streamlines(int pane, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& seeds, double step,
                              int length) const;

 private:
  void rebuild_data(const AppState& s);
  void rebuild_denoisers(const AppState& s);
  void rebuild_particles(const AppState& s);
  void restart_flows();
  void classify();
  void ensure_training(const AppState& s, bool data_changed);
  void probe_training();
  bool start_level(int level);

  AppState state_;
  std::string data_key_, denoiser_key_, particles_key_, flow_key_;
  Eigen::MatrixXd data_, initial_;
  std::optional<Classifier> classifier_;
  std::vector<Pane> panes_;
  FlowOptions options_;
  std::string classified_as_;  // the classification target the classes were computed for
  void start_samplers();
  Measurement measurement_;
  Eigen::VectorXd posterior_;
  double alpha_ = 1.0;
  std::string error_, warning_;
  mutable Workspace ws_;  // scratch: evaluating the field (drift, streamlines) changes no state
  Eigen::Index steps_since_classify_ = 0;
  Training training_;
  bool training_paused_ = false;
  std::uint64_t version_ = 0;
  std::chrono::steady_clock::time_point last_shown_{};  // when training last changed version_
  std::uint64_t classified_ = 0;
  std::uint64_t data_generation_ = 1;
  std::uint64_t started_ = 0;
};

// The data set a state describes (a preset or the user's points), validated by the core.
Result<Eigen::MatrixXd> dataset_for(const AppState& s);
// Initial particles, d by #P, around the data (or around the clicked points;
// none before the first click): seeded, deterministic.
Eigen::MatrixXd initial_particles(const AppState& s, const Eigen::Ref<const Eigen::MatrixXd>& data);

}  // namespace flowlab::app

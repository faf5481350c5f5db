#include "simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/analysis/bigstep.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/data/digits.hpp"
#include "core/denoisers/factory.hpp"
#include "core/data/rng.hpp"
#include "core/flows/streamlines.hpp"
#include "budget_fit.hpp"
#include "share_link.hpp"

namespace flowlab::app {

Result<Eigen::MatrixXd> dataset_for(const AppState& s) {
  Result<Dataset> ds = Error{"unknown preset '" + s.preset + "'"};
  if (s.preset == "orthogonal") ds = make_orthogonal({s.n, s.d, s.length, s.length, false, s.data_seed});
  else if (s.preset == "simplex") ds = make_simplex({s.n, s.d, s.angle, s.length, false, s.data_seed});
  else if (s.preset == "points1d") ds = make_points_1d({s.n, s.length, 2 * s.length, s.data_seed});
  else if (s.preset == "rays") ds = make_rays({s.n, s.per_ray, s.d, s.angle, s.length, 0.0, false, s.data_seed});
  else if (s.preset == "collinear") ds = make_collinear({s.n, s.d, s.length, 2 * s.length, s.data_seed});
  else if (s.preset == "clusters") ds = make_clusters({s.n, s.per_ray, s.d, 3 * s.length, 0.3 * s.length, s.data_seed});
  else if (s.preset == "digits") {
    if (s.d != kDigitPixels) return Error{"the digits are 8x8 images: d is 64 (got " + std::to_string(s.d) + ")"};
    auto classes = parse_digit_classes(s.digit_classes);
    if (!classes) return classes.error();
    auto digits = make_digits({s.n, classes.value(), s.data_seed});
    if (!digits) return digits.error();
    return digits.value().data.points;
  } else if (s.preset == "custom") {
    if (s.points.empty() || s.points.size() % static_cast<std::size_t>(s.d) != 0)
      return Error{"the custom points do not fit dimension d = " + std::to_string(s.d)};
    const Eigen::Map<const Eigen::MatrixXd> m(s.points.data(), s.d, static_cast<Eigen::Index>(s.points.size()) / s.d);
    ds = make_dataset(m, "custom");
  }
  if (!ds) return ds.error();
  return ds.value().points;
}

Eigen::MatrixXd initial_particles(const AppState& s, const Eigen::Ref<const Eigen::MatrixXd>& data) {
  const Eigen::Index d = data.rows(), np = s.particles;
  Rng rng(s.seed);
  Eigen::MatrixXd P(d, np);
  const Eigen::VectorXd lo = data.rowwise().minCoeff().array() - s.init_spread;
  const Eigen::VectorXd hi = data.rowwise().maxCoeff().array() + s.init_spread;
  if (s.init == "click") {  // one Gaussian cloud per clicked point, the particles shared out in turn
    const Eigen::Index clouds = static_cast<Eigen::Index>(s.spawn.size()) / d;
    if (clouds == 0 || static_cast<Eigen::Index>(s.spawn.size()) != clouds * d) return Eigen::MatrixXd(d, 0);
    const Eigen::Map<const Eigen::MatrixXd> at(s.spawn.data(), d, clouds);
    rng.fill_normal(P);
    for (Eigen::Index j = 0; j < np; ++j) P.col(j) = at.col(j % clouds) + s.init_spread * P.col(j);
  } else if (s.init == "gaussian") {
    rng.fill_normal(P);
    P = (s.init_spread * P).colwise() + data.rowwise().mean();
  } else if (s.init == "grid" && d == 2) {
    const auto side = static_cast<Eigen::Index>(std::ceil(std::sqrt(static_cast<double>(np))));
    for (Eigen::Index j = 0; j < np; ++j) {
      const double fx = (static_cast<double>(j % side) + 0.5) / static_cast<double>(side);
      const double fy = (static_cast<double>(j / side) + 0.5) / static_cast<double>(side);
      P(0, j) = lo(0) + fx * (hi(0) - lo(0));
      P(1, j) = lo(1) + fy * (hi(1) - lo(1));
    }
  } else {  // uniform (and grid where d != 2)
    rng.fill_uniform(P, 0.0, 1.0);
    P = (P.array().colwise() * (hi - lo).array()).colwise() + lo.array();
  }
  return P;
}

bool Simulation::apply(const AppState& s) {
  const std::string data_key = fragment_of(s, {"preset", "n", "d", "angle", "length", "per", "dseed", "pts", "tol"});
  const std::string part_key = fragment_of(s, {"np", "init", "spread", "spawn", "seed"});
  const std::string flow_key = fragment_of(s, {"flow", "sigma", "smax", "smin", "steps", "grid", "integ", "inv", "im",
                                               "iang", "iy", "is", "iz", "ccdf",
                                               "gpu"});  // another engine runs the flow again, from its start
  state_ = s;
  bool restart = false;
  const bool data_changed = data_key != data_key_;
  if (data_changed) {
    data_key_ = data_key;
    rebuild_data(s);
    denoiser_key_.clear();
    particles_key_.clear();
  }
  ensure_training(s, data_changed);
  const std::string den_key = fragment_of(s, {"den", "alpha", "bw", "nodes", "fb", "denb", "sbs"}) + training_.key;
  if (den_key != denoiser_key_) {
    denoiser_key_ = den_key;
    rebuild_denoisers(s);
    restart = true;
  }
  if (part_key != particles_key_) {
    particles_key_ = part_key;
    rebuild_particles(s);
    restart = true;
  }
  if (flow_key != flow_key_ || restart) {
    flow_key_ = flow_key;
    restart_flows();
    restart = true;
  }
  if (restart || data_changed) ++version_;  // what the field shows changed too
  if (!restart && s.classify != classified_as_) classify();  // the same particles, counted the other way
  return restart;
}

void Simulation::rebuild_data(const AppState& s) {
  error_.clear();
  ++data_generation_;
  auto d = dataset_for(s);
  if (!d) {
    error_ = "The data set cannot be built: " + d.message();
    data_.resize(s.d, 0);
    classifier_.reset();
    return;
  }
  data_ = std::move(d).value();
  auto c = Classifier::create(data_, s.tol);
  if (c) classifier_ = std::move(c).value();
  else classifier_.reset();
}

void Simulation::rebuild_denoisers(const AppState& s) {
  panes_.clear();
  if (data_.cols() == 0) return;
  std::vector<std::string> names{s.denoiser};
  if (s.side_by_side) names.push_back(s.denoiser_b);
  for (const auto& name : names) {
    Pane p;
    p.denoiser_name = name;
    DenoiserSpec spec;
    spec.kind = name;
    spec.alpha = s.alpha;
    spec.bandwidth = s.bandwidth;
    spec.nodes = s.nodes;
    spec.model = training_.model;
    auto fb = parse_fallback(s.fallback);
    spec.fallback = fb ? fb.value() : Fallback::none;
    auto den = make_denoiser(data_, spec);
    if (den) p.denoiser = std::move(den).value();
    else p.error = den.message();
    panes_.push_back(std::move(p));
  }
  alpha_ = resolved_alpha(DenoiserSpec{s.denoiser, s.alpha}, data_.rows());
}

void Simulation::rebuild_particles(const AppState& s) {
  if (data_.cols() == 0) return;
  initial_ = initial_particles(s, data_);
}

void Simulation::restart_flows() {
  ++started_;
  for (auto& p : panes_) p.gpu_buffer = 0;
  warning_.clear();
  options_ = FlowOptions{};
  if (auto k = parse_flow_kind(state_.flow)) options_.kind = k.value();
  if (auto g = parse_grid(state_.grid)) options_.grid = g.value();
  if (auto i = parse_integrator(state_.integrator)) options_.integrator = i.value();
  options_.sigma = state_.sigma;
  options_.sigma_max = state_.sigma_max;
  options_.sigma_min = state_.sigma_min;
  options_.steps = state_.steps;
  options_.time = state_.steps;  // score and langevin: unit time steps
  options_.seed = state_.seed;
  posterior_.resize(0);
  if (state_.inverse) {
    if (data_.rows() == 2 && data_.cols() > 0) return start_samplers();
    warning_ = "The inverse-problem mode draws its measurement in the plane: it needs 2-D data.";
  }
  for (auto& p : panes_) {
    p.flow.reset();
    p.sampler.reset();
    p.particles = initial_;  // a pane that cannot run still shows where its particles start
    if (!p.denoiser) continue;
    p.error.clear();
    auto f = Flow::create(*p.denoiser, options_, p.particles.cols());
    if (f) p.flow = std::move(f).value();
    else p.error = f.message();
    const bool graded = options_.kind == FlowKind::pf || options_.kind == FlowKind::sde;
    if (p.denoiser->is_fallback(graded ? options_.sigma_max : options_.sigma))
      warning_ = "The closed form is infeasible at the largest noise level (2*rho reaches the smallest gap); the "
                 "fallback '" + state_.fallback + "' is used there. Lower sigma or alpha to avoid it.";
  }
  classify();
}

void Simulation::start_samplers() {
  const double t = state_.meas_angle * 3.14159265358979323846 / 180.0;
  measurement_.A = Eigen::RowVector2d(std::cos(t), std::sin(t));
  measurement_.y = Eigen::MatrixXd::Constant(1, 1, state_.meas_y);
  measurement_.noise = state_.meas_noise;
  posterior_ = posterior_weights(data_, measurement_).col(0);
  InverseOptions o;
  if (auto m = parse_inverse_method(state_.method)) o.method = m.value();
  o.flow = options_.kind == FlowKind::sde ? FlowKind::sde : FlowKind::pf;
  o.sigma_max = state_.sigma_max, o.sigma_min = state_.sigma_min, o.steps = state_.steps;
  o.grid = options_.grid;
  o.step = state_.zeta;
  o.init = state_.ccdf ? InverseInit::estimate : InverseInit::noise;
  o.samples = initial_.cols();
  o.seed = state_.seed;
  // CCDF's estimate: the point of the line nearest the data's mean (A^+ y plus the mean's part along the line).
  const Eigen::VectorXd mean = data_.rowwise().mean();
  const Eigen::VectorXd a = measurement_.A.row(0).transpose();
  const Eigen::MatrixXd estimate = mean + (state_.meas_y - a.dot(mean)) * a;
  for (auto& p : panes_) {
    p.flow.reset();
    p.sampler.reset();
    p.particles = initial_;
    if (!p.denoiser || o.samples == 0) continue;
    p.error.clear();
    auto s = InverseSampler::create(data_, *p.denoiser, measurement_, o, estimate, 0, o.samples, 0);
    if (!s) {
      p.error = s.message();
      continue;
    }
    p.sampler = std::move(s).value();
    p.sampler->start(p.particles);
  }
  classify();
}

void Simulation::reset() { restart_flows(); }

double Training::progress() const {
  if (finished) return 1.0;
  if (sigmas.empty() || !trainer) return 0.0;
  const double per = 1.0 / static_cast<double>(sigmas.size());
  const double epochs = trainer->epoch() + trainer->epoch_fraction();  // an epoch may span many frames
  return per * (level + epochs / std::max(1, trainer->options().epochs));
}

// The levels: one at the fixed sigma (score, langevin), else `levels` geometric from sigma max down
// (to sigma min, but at most a factor 16: below that the balls barely change the picture).
void Simulation::ensure_training(const AppState& s, bool data_changed) {
  const bool used = s.uses("trained");
  if (!used || data_.cols() == 0) {
    if (!used) training_ = Training{};
    return;
  }
  const std::string key = fragment_of(s, {"K", "tr", "lam", "ep", "M", "lr", "bt", "lv", "alpha", "flow", "sigma", "smax", "smin", "d"});
  if (key == training_.key && !data_changed) return;
  const bool warm = key == training_.key && training_.model && !training_.model->nets.empty();
  if (!warm) {
    training_ = Training{};
    training_.key = key;
    training_.model = std::make_shared<TrainedModel>();
    const bool graded = s.flow == "pf" || s.flow == "sde";
    const int levels = graded ? s.levels : 1;
    const double top = graded ? s.sigma_max : s.sigma, bottom = std::max(s.sigma_min, s.sigma_max / 16);
    for (int i = 0; i < levels; ++i)
      training_.sigmas.push_back(levels == 1 ? top : top * std::pow(bottom / top, static_cast<double>(i) / (levels - 1)));
  }
  // Edited data: training goes on from the current weights, from the first level again.
  training_.level = 0;
  training_.finished = false;
  training_.error.clear();
  training_.probes.clear();  // the epochs count from 0 again
  start_level(0);
}

bool Simulation::start_level(int level) {
  TrainOptions o;
  o.sigma = training_.sigmas[static_cast<std::size_t>(level)];
  o.alpha = resolved_alpha(DenoiserSpec{state_.denoiser, state_.alpha}, data_.rows());
  o.width = state_.width;
  o.samples = state_.samples;
  o.trainer = state_.trainer;
  o.lambda = state_.lambda;
  o.epochs = state_.epochs;
  o.lr = state_.lr;
  o.batch = state_.batch;
  o.seed = state_.seed;
  o.chunk = train_chunk(state_);  // an epoch in chunks of a few ms: slices of a frame split it
  TrainedModel& m = *training_.model;
  if (level == 0) m.options = o;  // what the saved model says it was trained with (sigma: the first level)
  const auto at = static_cast<std::size_t>(level);
  const ShallowNet* warm = at < m.nets.size() ? &m.nets[at] : level > 0 ? &m.nets[at - 1] : nullptr;
  auto t = Trainer::create(data_, o, warm);
  if (!t) {
    training_.error = t.message();
    training_.finished = true;
    return false;
  }
  training_.trainer.emplace(std::move(t).value());
  training_.level = level;
  if (at >= m.nets.size()) {  // the level joins the model untrained, and improves from here
    m.sigmas.push_back(o.sigma);
    m.nets.push_back(training_.trainer->net());
  }
  ++version_;
  return true;
}

bool Simulation::train(double budget_ms) {
  if (!training_.trainer || training_.finished || training_paused_) return false;
  const auto t0 = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); };
  do {
    Trainer& t = *training_.trainer;
    t.step_chunk();  // a chunk of an epoch at a time (budget_fit.hpp sizes it to a few ms)
    if (!t.done() && elapsed() < budget_ms) continue;
    training_.model->nets[static_cast<std::size_t>(training_.level)] = t.net();  // what the panes show
    if (!t.done()) break;
    if (!t.status()) training_.error = t.status().message(), training_.finished = true;
    else if (training_.level + 1 < static_cast<int>(training_.sigmas.size())) start_level(training_.level + 1);
    else training_.finished = true;
  } while (!training_.finished && elapsed() < budget_ms);
  // The field follows the weights a few times a second, not every frame: redrawing it costs as much
  // as a training slice with a wide network.
  const auto now = std::chrono::steady_clock::now();
  if (training_.finished || now - last_shown_ >= std::chrono::milliseconds(250)) {
    ++version_, last_shown_ = now;
    probe_training();
  }
  return !training_.finished;
}

// The optimizer's side, measured on the weights as they stand: lambda_max warm-started from the last
// eigenvector (a few products), and a small probability flow with the levels trained so far.
void Simulation::probe_training() {
  if (!training_.trainer || !training_.trainer->plain_steps() || !training_.trainer->status()) return;
  Trainer& t = *training_.trainer;
  const int epoch = training_.level * state_.epochs + t.epoch();
  if (!training_.probes.empty() && training_.probes.back().epoch == epoch) return;
  const Sharpness s = t.sharpness(60, 1e-3);
  double memorized = NAN;
  const auto& sig = training_.model->sigmas;
  const TrainedDenoiser den(training_.model);
  // The flow down the levels (one level, as for the score flow: a decade below it).
  const double top = sig.front(), bottom = training_.sigmas.size() > 1 ? training_.sigmas.back() : top / 10;
  if (auto ends = probe_flow(den, data_, top, bottom, 128, 40, state_.tol, state_.seed)) memorized = ends.value().classes.fraction(EndClass::training);
  auto& probes = training_.probes;
  if (probes.size() >= 1000) {  // a long run: every other probe goes, the curve keeps its shape
    for (std::size_t i = 1; 2 * i < probes.size(); ++i) probes[i] = probes[2 * i];
    probes.resize(probes.size() / 2);
  }
  probes.push_back({epoch, s.value, memorized});
}

const ShallowNet* Simulation::trained_net() const {
  if (!training_.model || training_.model->nets.empty()) return nullptr;
  const auto& s = training_.model->sigmas;
  std::size_t best = 0;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (std::abs(std::log(s[i] / sigma_now())) < std::abs(std::log(s[best] / sigma_now()))) best = i;
  return &training_.model->nets[best];
}

bool Simulation::step(int steps, double budget_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); };
  bool any = false;
  for (auto& p : panes_) p.gpu_buffer = 0;  // the CPU moves them: `particles` are the newest
  for (int k = 0; k < steps; ++k) {  // the panes in step, so side by side they stand at the same noise level
    any = false;
    for (auto& p : panes_) {
      if (p.flow && p.flow->step(p.particles)) any = true;
      if (p.sampler && p.sampler->step(p.particles)) any = true;
    }
    if (!any || elapsed() >= budget_ms) break;
  }
  return finish(any);
}

bool Simulation::finish(bool any, bool fresh) {
  for (auto& p : panes_) {
    if (p.sampler) {
      if (!p.sampler->status()) p.error = p.sampler->status().message();
      any = any || !p.sampler->done();
    }
    if (!p.flow) continue;
    if (!p.flow->report().status) p.error = p.flow->report().status.message();
    any = any || !p.flow->done();
  }
  // Classifying costs about as much as a step: with many particles it is
  // refreshed every few calls with new particles (about 20k particles' worth
  // per call), and always once the flows have finished.
  const Eigen::Index every = std::max<Eigen::Index>(1, initial_.cols() / 20000);
  if (!any || (fresh && ++steps_since_classify_ >= every)) classify();
  return any;
}

bool Simulation::done() const {
  for (const auto& p : panes_)
    if ((p.flow && !p.flow->done()) || (p.sampler && !p.sampler->done())) return false;
  return true;
}

double Simulation::progress() const {
  for (const auto& p : panes_) {
    if (p.flow) return p.flow->progress();
    if (p.sampler) return p.sampler->progress();
  }
  return 0.0;
}

double Simulation::sigma_now() const {
  for (const auto& p : panes_)
    if (p.sampler) return p.sampler->sigma();
  if (options_.kind == FlowKind::score || options_.kind == FlowKind::langevin) return options_.sigma;
  for (const auto& p : panes_)
    if (p.flow) return p.flow->report().t;
  return options_.sigma_max;
}

double Simulation::rho_now() const { return alpha_ * sigma_now(); }

void Simulation::classify() {
  steps_since_classify_ = 0;
  classified_as_ = state_.classify;
  ++classified_;
  const double sigma = sigma_now();
  for (auto& p : panes_) {
    if (!classifier_ || (!p.flow && !p.sampler)) {  // particles that never moved are not classified
      p.classes = Classification{};
      continue;
    }
    // the denoised sample h_sigma(y): the final step of DDPM/EDM samplers (the inverse
    // problem's samplers already return theirs)
    p.denoised = state_.classify == "denoised" && p.flow && p.denoiser && p.denoiser->check(sigma);
    if (p.denoised) {
      p.samples.resize(p.particles.rows(), p.particles.cols());
      p.denoiser->apply(p.particles, sigma, p.samples, ws_);
      classifier_->classify(p.samples, p.classes, ws_);
    } else {
      classifier_->classify(p.particles, p.classes, ws_);
    }
  }
}

Eigen::MatrixXd Simulation::streamlines(int pane, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& seeds,
                                        double step, int length) const {
  const Pane& p = panes_[static_cast<std::size_t>(pane)];
  if (!p.denoiser || !p.denoiser->check(sigma)) return Eigen::MatrixXd(seeds.rows(), 0);
  return trace_streamlines(*p.denoiser, sigma, seeds, step, length, ws_);
}

void Simulation::drift(int pane, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                       Eigen::Ref<Eigen::MatrixXd> out) const {
  const Pane& p = panes_[static_cast<std::size_t>(pane)];
  if (!p.denoiser || !p.denoiser->check(sigma)) {
    out.setZero();
    return;
  }
  p.denoiser->apply(Y, sigma, out, ws_);
  out -= Y;
}

}  // namespace flowlab::app

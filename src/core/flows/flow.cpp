#include "core/flows/flow.hpp"

#include <cmath>

#include "core/flows/flow_cost.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/enum_names.hpp"
#include "core/flows/fused_flow.hpp"

namespace flowlab {

double final_sigma(const FlowOptions& opt) {
  return opt.kind == FlowKind::score || opt.kind == FlowKind::langevin ? opt.sigma : opt.sigma_min;
}

namespace {
const EnumTable<FlowKind, 4> kFlowKinds = {
    {FlowKind::score, "score"}, {FlowKind::pf, "pf"}, {FlowKind::sde, "sde"}, {FlowKind::langevin, "langevin"}};
}  // namespace

Result<FlowKind> parse_flow_kind(const std::string& s) { return parse_enum(s, kFlowKinds, "flow"); }
const char* to_string(FlowKind k) { return enum_name(k, kFlowKinds); }

namespace {
bool fixed_sigma(FlowKind k) { return k == FlowKind::score || k == FlowKind::langevin; }
}  // namespace

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

void Flow::drift(const Eigen::Ref<const Eigen::MatrixXd>& Y, double t, Eigen::Ref<Eigen::MatrixXd> F) {
  ++report_.evaluations;
  if (opt_.kind == FlowKind::pf) {
    den_->apply(Y, t, F, ws_);
    F = (Y - F) / t;  // dy/dsigma = -(h - y)/sigma
  } else {  // the SDE at its step's level t; the score flow and Langevin at their fixed sigma
    den_->apply(Y, opt_.kind == FlowKind::sde ? t : opt_.sigma, F, ws_);
    F -= Y;  // dy/dr = h - y
  }
}

double Flow::progress() const {
  if (done_) return 1.0;
  if (fixed_sigma(opt_.kind)) return std::min(1.0, report_.t / opt_.time);
  const double a = std::log(grid_.front()), b = std::log(grid_.back());
  return std::clamp((a - std::log(report_.t)) / (a - b), 0.0, 1.0);
}

bool Flow::step(Eigen::Ref<Eigen::MatrixXd> Y) {
  if (done_) return false;
  prev_ = Y;
  auto field = [this](const Eigen::Ref<const Eigen::MatrixXd>& y, double t, Eigen::Ref<Eigen::MatrixXd> f) {
    drift(y, t, f);
  };
  const auto i = static_cast<std::size_t>(report_.steps);
  double moved_per_time = INFINITY;
  switch (opt_.kind) {
    case FlowKind::pf:
      if (opt_.integrator == Integrator::adaptive) {
        const double t0 = report_.t;
        if (den_->is_fallback(t0)) ++report_.fallback_steps;
        adaptive_step(field, Y, report_.t, h_, grid_.back(), opt_.rtol, 1e-3 * opt_.rtol, 0.5 * t0, buf_, fsal_);
        if (report_.t == t0) {
          report_.status = Error{"the adaptive integrator could not make progress at sigma = " + format_number(t0)};
          done_ = true;
          return false;
        }
        done_ = report_.t <= grid_.back() * (1 + 1e-12);
      } else {
        if (den_->is_fallback(grid_[i]) || den_->is_fallback(grid_[i + 1])) ++report_.fallback_steps;
        if (fused_) {
          fused_->step(i, Y);
          report_.evaluations += evaluations_per_step(opt_.integrator);
        } else {
          fixed_step(opt_.integrator, field, Y, grid_[i], grid_[i + 1] - grid_[i], buf_);
        }
        report_.t = grid_[i + 1];
        done_ = i + 2 == grid_.size();
      }
      break;
    case FlowKind::score:
      if (den_->is_fallback(opt_.sigma)) ++report_.fallback_steps;
      if (opt_.integrator == Integrator::adaptive) {
        const double t0 = report_.t;
        adaptive_step(field, Y, report_.t, h_, opt_.time, opt_.rtol, 0.1 * opt_.tol, 1.0, buf_, fsal_);  // rate 1 on plateaus
        moved_per_time = buf_.k[0].cwiseAbs().maxCoeff();  // FSAL: |h(y) - y| at the new point
        if (report_.t == t0) moved_per_time = 0.0;         // stuck: treat as stopped
      } else {
        const double dt = opt_.time / opt_.steps;
        fixed_step(opt_.integrator, field, Y, report_.t, dt, buf_);
        report_.t += dt;
        moved_per_time = (Y - prev_).cwiseAbs().maxCoeff() / dt;
      }
      report_.converged = moved_per_time < opt_.tol;
      done_ = report_.converged || report_.t >= opt_.time * (1 - 1e-12);
      break;
    case FlowKind::sde: {
      if (den_->is_fallback(grid_[i])) ++report_.fallback_steps;
      const double s0 = grid_[i], s1 = grid_[i + 1], var = s0 * s0 - s1 * s1;
      drift(Y, s0, H_);  // h(y) - y = s0^2 * score
      rng_.fill_normal(noise_);
      Y += (var / (s0 * s0)) * H_ + std::sqrt(var) * noise_;
      report_.t = s1;
      done_ = i + 2 == grid_.size();
      break;
    }
    case FlowKind::langevin: {
      if (den_->is_fallback(opt_.sigma)) ++report_.fallback_steps;
      const double dt = opt_.time / opt_.steps;
      drift(Y, opt_.sigma, H_);
      rng_.fill_normal(noise_);
      Y += dt * H_ + (std::sqrt(2 * dt) * opt_.sigma) * noise_;
      report_.t += dt;
      done_ = report_.steps + 1 >= opt_.steps;
      break;
    }
  }
  ++report_.steps;
  if (!Y.allFinite()) {
    Y = prev_;
    report_.status = Error{std::string("the ") + to_string(opt_.kind) + " flow diverged (NaN or inf) at step " +
                           std::to_string(report_.steps) + "; the particles keep their last finite positions" +
                           (extreme_step(grid_).empty() ? ". Use more steps, a smaller sigma_max or another integrator"
                                                        : extreme_step(grid_))};
    done_ = true;
  }
  return !done_;
}

std::optional<PlannedStep> Flow::next_step() const {
  if (done_ || (opt_.integrator != Integrator::euler && opt_.integrator != Integrator::heun)) return std::nullopt;
  PlannedStep p;
  p.index = report_.steps;
  const auto i = static_cast<std::size_t>(report_.steps);
  switch (opt_.kind) {
    case FlowKind::pf:
      p.t = grid_[i];
      p.h = grid_[i + 1] - grid_[i];
      break;
    case FlowKind::score:
      p.t = opt_.sigma;
      p.h = opt_.time / opt_.steps;
      break;
    case FlowKind::sde: {
      const double s0 = grid_[i], s1 = grid_[i + 1], var = s0 * s0 - s1 * s1;
      p.t = s0;
      p.a = var / (s0 * s0);
      p.b = std::sqrt(var);
      break;
    }
    case FlowKind::langevin: {
      const double dt = opt_.time / opt_.steps;
      p.t = opt_.sigma;
      p.a = dt;
      p.b = std::sqrt(2 * dt) * opt_.sigma;
      break;
    }
  }
  return p;
}

std::optional<PlannedStep> Flow::plan_step() {
  const auto p = next_step();
  if (!p) return p;
  const auto i = static_cast<std::size_t>(report_.steps);
  switch (opt_.kind) {
    case FlowKind::pf:
      if (den_->is_fallback(grid_[i]) || den_->is_fallback(grid_[i + 1])) ++report_.fallback_steps;
      report_.t = grid_[i + 1];
      report_.evaluations += evaluations_per_step(opt_.integrator);
      done_ = i + 2 == grid_.size();
      break;
    case FlowKind::score:
      if (den_->is_fallback(opt_.sigma)) ++report_.fallback_steps;
      report_.t += p->h;
      report_.evaluations += evaluations_per_step(opt_.integrator);
      done_ = report_.t >= opt_.time * (1 - 1e-12);
      break;
    case FlowKind::sde:
      if (den_->is_fallback(grid_[i])) ++report_.fallback_steps;
      report_.t = grid_[i + 1];
      ++report_.evaluations;
      done_ = i + 2 == grid_.size();
      break;
    case FlowKind::langevin:
      if (den_->is_fallback(opt_.sigma)) ++report_.fallback_steps;
      report_.t += p->a;
      ++report_.evaluations;
      done_ = report_.steps + 1 >= opt_.steps;
      break;
  }
  ++report_.steps;
  return p;
}

void Flow::fail(Status why) {
  report_.status = std::move(why);
  done_ = true;
}

const FlowReport& Flow::run(Eigen::Ref<Eigen::MatrixXd> Y, const std::function<void(double)>& progress_cb) {
  while (step(Y))
    if (progress_cb) progress_cb(progress());
  if (progress_cb) progress_cb(1.0);
  return report_;
}

}  // namespace flowlab

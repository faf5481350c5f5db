#include "core/flows/flow.hpp"

#include <algorithm>
#include <cmath>

#include "core/data/csv.hpp"
#include "core/flows/fused_flow.hpp"

namespace flowlab {

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

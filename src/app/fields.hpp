#pragma once
// Every field of AppState with its link name and its valid range, in one list:
// the share link's writer, its reader (validation) and the round-trip tests all
// walk this list, so a new field cannot be forgotten by one of them.
#include <initializer_list>

#include "state.hpp"

namespace flowlab::app {

template <class Visitor>
void visit_fields(AppState& s, Visitor& v) {
  v.choice("preset", s.preset, {"orthogonal", "simplex", "points1d", "rays", "collinear", "clusters", "digits", "custom"});
  v.integer("n", s.n, 1, kMaxPoints);
  v.integer("d", s.d, 1, kMaxDim);
  v.number("angle", s.angle, 1.0, 179.0);
  v.number("length", s.length, 1e-6, 1e6);
  v.integer("per", s.per_ray, 1, kMaxPoints);
  v.seed("dseed", s.data_seed);
  v.points("pts", s.points);
  v.text("dcls", s.digit_classes, 19);

  v.choice("den", s.denoiser, {"minnorm", "emmse", "ksmooth", "trained"});
  v.number("alpha", s.alpha, 0.0, 1e3);
  v.number("bw", s.bandwidth, 0.0, 1e6);
  v.integer("nodes", s.nodes, 2, 1024);
  v.choice("fb", s.fallback, {"none", "clamp", "emmse"});
  v.choice("denb", s.denoiser_b, {"minnorm", "emmse", "ksmooth", "trained"});
  v.integer("K", s.width, 1, 1024);
  v.choice("tr", s.trainer, {"auglag", "adam", "gd", "sgd"});
  v.number("lam", s.lambda, 0.0, 1e3);
  v.integer("ep", s.epochs, 1, 1000000);
  v.integer("M", s.samples, 1, 10000);
  v.number("lr", s.lr, 1e-8, 1.0);
  v.integer("bt", s.batch, 1, 1000000);
  v.integer("lv", s.levels, 1, 8);
  v.flag("sbs", s.side_by_side);

  v.choice("flow", s.flow, {"score", "pf", "sde", "langevin"});
  v.number("sigma", s.sigma, 1e-9, 1e6);
  v.number("smax", s.sigma_max, 1e-9, 1e6);
  v.number("smin", s.sigma_min, 1e-12, 1e6);
  v.integer("steps", s.steps, 1, kMaxSteps);
  v.choice("grid", s.grid, {"edm", "geometric", "linear"});
  v.choice("integ", s.integrator, {"euler", "heun", "rk4", "adaptive"});
  v.number("speed", s.speed, 0.0, 1000.0);

  v.flag("inv", s.inverse);
  v.choice("im", s.method, {"exact", "dps", "projection", "mcg"});
  v.number("iang", s.meas_angle, -360.0, 360.0);
  v.number("iy", s.meas_y, -1e6, 1e6);
  v.number("is", s.meas_noise, 1e-6, 1e6);
  v.number("iz", s.zeta, 0.0, 1e3);
  v.flag("ccdf", s.ccdf);

  v.integer("np", s.particles, 1, kMaxParticles);
  v.choice("init", s.init, {"gaussian", "uniform", "grid", "click"});
  v.number("spread", s.init_spread, 0.0, 1e6);
  v.points("spawn", s.spawn);
  v.seed("seed", s.seed);
  v.flag("gpu", s.gpu);

  v.number("cx", s.center_x, -1e9, 1e9);
  v.number("cy", s.center_y, -1e9, 1e9);
  v.number("zoom", s.zoom, 1e-6, 1e6);
  v.number("yaw", s.yaw, -1e3, 1e3);
  v.number("pitch", s.pitch, -1.57, 1.57);
  v.flag("field", s.show_field);
  v.flag("balls", s.show_balls);
  v.flag("trails", s.show_trails);
  v.number("fade", s.fade, 0.05, 60.0);
  v.number("fsig", s.field_sigma, 0.0, 1e6);
  v.flag("stream", s.show_stream);
  v.flag("heat", s.show_heat);
  v.flag("relu", s.show_relu);
  v.choice("proj", s.projection, {"pca", "axes"});
  v.integer("ax", s.axis_x, 0, kMaxDim - 1);
  v.integer("ay", s.axis_y, 0, kMaxDim - 1);
  v.choice("color", s.color_by, {"class", "vertex"});
  v.number("tol", s.tol, 1e-6, 0.49);
  v.choice("cls", s.classify, {"endpoint", "denoised"});
  v.flag("region", s.show_regions);
  v.choice("view", s.view, {"auto", "points", "img"});
  v.flag("ui", s.show_ui);
  v.flag("play", s.play);
  v.text("caption", s.caption, kMaxCaption);
  v.number("scale", s.scale, 1.0, 3.0);
}

}  // namespace flowlab::app

#pragma once
// The app's single source of truth: one plain struct with defaults, edited by
// the UI, read by the simulation and the renderers, and serialised whole into
// the share link. No GL, no ImGui here.
#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::app {

struct AppState {
  // Dataset: a preset and its parameters, or the user's own points.
  std::string preset = "simplex";     // orthogonal, simplex, points1d, rays, collinear, clusters, digits, custom
  int n = 2;                          // points (orthogonal, points1d, collinear); edges (simplex); rays; clusters
  int d = 2;                          // dimension (points1d: always 1)
  double angle = 90.0;                // simplex/rays: angle between edges, degrees (90: a right triangle)
  double length = 1.0;                // edge length / spacing
  int per_ray = 2;                    // rays: points per ray; clusters: points per cluster
  std::uint64_t data_seed = 1;
  std::vector<double> points;         // custom: d * N coordinates, point after point
  std::string digit_classes;          // digits: the labels drawn from, "0,3,8" (empty: all ten); d is 64

  // Denoiser.
  std::string denoiser = "minnorm";   // minnorm, emmse, ksmooth
  double alpha = 0.0;                 // rho = alpha * sigma; 0 means sqrt(d)
  double bandwidth = 0.1;             // ksmooth: kernel bandwidth
  int nodes = 32;                     // ksmooth: quadrature nodes (cost grows with them)
  std::string fallback = "clamp";     // minnorm beyond feasibility: none, clamp, emmse
  std::string denoiser_b = "emmse";   // side-by-side: the right pane's denoiser
  // The trained network (denoiser "trained"): trained in the page, level after level.
  int width = 32;                     // K hidden units
  std::string trainer = "auglag";     // auglag (interpolate at least cost), adam (weight decay lambda),
                                      // gd or sgd (plain steps: their sharpness is held below 2/lr)
  double lambda = 1e-4;               // adam, gd, sgd: weight decay
  int epochs = 3000;                  // per noise level
  int samples = 50;                   // M per training point (uniform in the ball of radius rho)
  double lr = 3e-3;                   // the step size (Adam's; gd's and sgd's plain step)
  int batch = 32;                     // sgd: samples per step
  int levels = 3;                     // pf/sde: networks from sigma max down (score: one, at sigma)
  bool side_by_side = false;

  // Flow.
  std::string flow = "pf";            // score, pf, sde, langevin
  double sigma = 0.1;                 // score/langevin: fixed noise level
  double sigma_max = 0.2;             // pf/sde
  double sigma_min = 1e-3;
  int steps = 200;
  std::string grid = "edm";           // edm, geometric, linear
  std::string integrator = "heun";    // euler, heun, rk4, adaptive
  double speed = 1.0;                 // flow steps per frame

  // Inverse problem (2-D data): the particles sample x given one linear measurement
  // y = a.x + eta, eta ~ N(0, s^2), a = (cos t, sin t): the line {x : a.x = y} and its band.
  bool inverse = false;
  std::string method = "dps";         // exact (the likelihood-weighted MMSE), dps, projection, mcg
  double meas_angle = 0.0;            // t, degrees: 0 measures the first coordinate
  double meas_y = 0.3;                // y
  double meas_noise = 0.1;            // s
  double zeta = 0.5;                  // dps, mcg: the step along -grad |y - a.h(x)|^2
  bool ccdf = false;                  // start from the line's point nearest the data's mean, diffused to sigma max

  // Particles.
  int particles = 2000;
  std::string init = "gaussian";      // gaussian, uniform, grid, click
  double init_spread = 0.5;           // gaussian/click: std; uniform/grid: half-width around the data's box
  std::vector<double> spawn;          // click: the clicked points (d each); particles are shared among them
  std::uint64_t seed = 1;
  bool gpu = true;                    // step the flow on the GPU where it can (engine/gpu_engine.hpp); gpu=0: the CPU

  // View.
  double center_x = 0.5, center_y = 0.5, zoom = 1.0;  // world point at the centre, pixels per unit / 300
  double yaw = 0.6, pitch = 0.4;      // 3-D orbit camera
  bool show_field = true, show_balls = true, show_trails = true;
  double fade = 1.0;                  // trails: seconds until a particle's trail has faded to nothing
  double field_sigma = 0.0;           // the noise level the field is drawn at; 0: the flow's current level
  bool show_stream = false, show_heat = false;  // streamlines of h(y) - y; its magnitude as a heatmap
  bool show_relu = true;              // trained: the units' boundaries w.y + b = 0
  std::string projection = "pca";     // d > 3: pca (the data's two principal axes) or axes (two coordinates)
  int axis_x = 0, axis_y = 1;         // projection = axes: the coordinates drawn across and up
  std::string color_by = "class";     // class, vertex
  double tol = 0.02;                  // classification tolerance (kDefaultTolerance; links before v=3: 0.2)
  std::string classify = "endpoint";  // endpoint (where particles stopped) or denoised (h at the level now)
  bool show_regions = false;          // draw where each class lies (2-D data)
  std::string view = "auto";          // auto (digits as images, other data as points), points, img
                                      // (img: any data whose d is a square, each point an image)

  // Embedding and teaching.
  bool show_ui = true;                // false: the scene, its legend and a caption only (ui=0)
  bool play = true;                   // false: the page opens paused (play=0)
  std::string caption;                // shown over the scene in ui=0 (default: the preset's title)
  double scale = 1.0;                 // text and markers x 1 to 3, for projectors (scale=)

  // Whether a pane shows this denoiser (the right pane only counts side by side).
  bool uses(const std::string& kind) const { return denoiser == kind || (side_by_side && denoiser_b == kind); }

  bool operator==(const AppState& o) const;
  bool operator!=(const AppState& o) const { return !(*this == o); }
};

// Hard limits the link parser enforces (a link must never make the page hang).
constexpr int kMaxParticles = 1 << 20;    // on the GPU path (engine/gpu_engine.hpp)
constexpr int kMaxCpuParticles = 200000;  // where the CPU steps the flow (budget_fit.hpp)
constexpr int kMaxPoints = 256;
constexpr int kMaxDim = 4096;          // images up to 64 x 64 pixels (view=img)
constexpr int kMaxCoordinates = 16384; // N * d: what the link carries and every frame re-reads
// The points a list of d-dimensional points may hold: kMaxPoints, fewer in high dimension.
constexpr int max_points_in(int d) { return d > 0 && kMaxCoordinates / d < kMaxPoints ? kMaxCoordinates / d : kMaxPoints; }
constexpr int kMaxSteps = 100000;
constexpr int kMaxCaption = 160;  // bytes

}  // namespace flowlab::app

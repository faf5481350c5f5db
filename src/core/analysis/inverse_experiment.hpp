#pragma once
// `flowlab experiment inverse`: how far each sampler lands from the exact posterior. On orthogonal
// data (x_n = e_n, N = d) and on the right triangle (0,0), (1,0), (0,1), the first coordinate of
// x = x_2 is measured at a sweep of noise levels s, one standard deviation off: y = 0 + s (or a
// fixed y). Every method with every denoiser runs from noise with each step count, and CCDF runs
// from the estimate A^+ y + (I - A^+ A) mean: the measurement, and the prior's mean where it is silent.
// Per run: the total variation to the exact posterior, where the samples end (training points,
// virtual points such as e_2 + e_3, the manifold, elsewhere) and the mean residual |y - A x|.
#include <cmath>
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"
#include "core/inverse/inverse.hpp"

namespace flowlab {

struct InverseExperimentOptions {
  int n = 3;                                            // orthogonal data: N = d
  std::vector<double> noises = {0.05, 0.1, 0.2, 0.4, 0.8};
  std::vector<int> steps = {10, 30, 100};
  double measured = NAN;                                // a fixed y for every s; NaN: y = s
  double sigma_max = 3.0;                               // noise starts; the closed form falls back to the MMSE above its feasible levels
  double ccdf_sigma = 0.3;                              // CCDF: the estimate diffused to this level
  int samples = 500;
  double step = 0.5;                                    // zeta for dps and mcg
  double bandwidth = 0.1;                               // ksmooth
  std::uint64_t seed = 1;
  int threads = 0;
};

struct InverseRow {
  std::string data, method, denoiser;
  InverseInit init;
  double noise;
  int steps;
  double tv, training, virtual_point, manifold, other, residual;
};

Result<std::vector<InverseRow>> inverse_experiment(const InverseExperimentOptions& o);

}  // namespace flowlab

#pragma once
// Noise-level grids for the probability flow, sigma_0 = sigma_max > ... >
// sigma_K = sigma_min (K steps, K + 1 levels):
//   edm:       sigma_i = (smax^(1/7) + i/K (smin^(1/7) - smax^(1/7)))^7   (Karras et al. 2022, rho = 7)
//   geometric: sigma_i = smax (smin/smax)^(i/K)
//   linear:    sigma_i = smax + i/K (smin - smax)
#include <string>
#include <vector>

#include "core/runtime/result.hpp"

namespace flowlab {

enum class Grid { edm, geometric, linear };
Result<Grid> parse_grid(const std::string& s);
const char* to_string(Grid g);

// Fails unless 0 < sigma_min < sigma_max (finite) and steps >= 1.
Result<std::vector<double>> noise_grid(Grid grid, double sigma_max, double sigma_min, int steps);

// For a divergence message: a step of the grid to a level under 1e-14 of the one before, whose
// drift (y - h) / sigma divides rounding by that level (Heun's and RK4's corrections evaluate it
// there; at sigma_min = 1e-45 after 1e-12 the particles leave double precision). "" when none.
std::string extreme_step(const std::vector<double>& grid);

}  // namespace flowlab

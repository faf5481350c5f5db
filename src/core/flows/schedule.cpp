#include "core/flows/schedule.hpp"

#include <cmath>
#include <cstdio>

#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/runtime/enum_names.hpp"

namespace flowlab {

namespace {
const EnumTable<Grid, 3> kGrids = {{Grid::edm, "edm"}, {Grid::geometric, "geometric"}, {Grid::linear, "linear"}};
}  // namespace

Result<Grid> parse_grid(const std::string& s) { return parse_enum(s, kGrids, "grid"); }
const char* to_string(Grid g) { return enum_name(g, kGrids); }

Result<std::vector<double>> noise_grid(Grid grid, double smax, double smin, int steps) {
  if (!(smin > 0) || !(smax > smin) || !std::isfinite(smax))
    return Error{"the noise grid needs 0 < sigma_min < sigma_max (got sigma_max = " + format_number(smax) +
                 ", sigma_min = " + format_number(smin) + ")"};
  if (steps < 1 || steps > budget::kMaxSteps)
    return Error{"the noise grid needs 1 <= steps <= " + std::to_string(budget::kMaxSteps) + " (got " + std::to_string(steps) + ")"};
  std::vector<double> s(static_cast<std::size_t>(steps) + 1);
  for (int i = 0; i <= steps; ++i) {
    const double f = static_cast<double>(i) / steps;
    double v = 0;
    switch (grid) {
      case Grid::edm: {
        const double a = std::pow(smax, 1.0 / 7.0), b = std::pow(smin, 1.0 / 7.0);
        v = std::pow(a + f * (b - a), 7.0);
        break;
      }
      case Grid::geometric: v = smax * std::pow(smin / smax, f); break;
      case Grid::linear: v = smax + f * (smin - smax); break;
    }
    s[static_cast<std::size_t>(i)] = v;
  }
  s.front() = smax;  // exact ends, whatever the rounding of pow
  s.back() = smin;
  return s;
}

std::string extreme_step(const std::vector<double>& grid) {
  for (std::size_t i = 0; i + 1 < grid.size(); ++i)
    if (grid[i + 1] > 0 && grid[i + 1] < 1e-14 * grid[i]) {
      char text[200];
      std::snprintf(text, sizeof text, "; its step from sigma %g to %g divides by the second, under 1e-14 of the first: "
                    "raise sigma_min or use the Euler integrator", grid[i], grid[i + 1]);
      return text;
    }
  return {};
}

}  // namespace flowlab

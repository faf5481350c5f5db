#pragma once
// A perceptually ordered colour ramp (dark blue -> teal -> yellow, after
// viridis) for magnitudes scaled to [0, 1].
#include <algorithm>
#include <cstdint>

#include "plot.hpp"

namespace flowlab::render {

inline std::uint32_t ramp(double t, int alpha = 255) {
  constexpr int stops[5][3] = {{20, 18, 60}, {50, 70, 140}, {30, 145, 140}, {120, 200, 90}, {250, 225, 60}};
  t = std::clamp(t, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  const auto mix = [&](int c) { return static_cast<int>(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]) + 0.5); };
  return rgba(mix(0), mix(1), mix(2), alpha);
}

}  // namespace flowlab::render

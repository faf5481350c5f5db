#include <doctest/doctest.h>

#include <utility>

#include "plot/chart.hpp"

using namespace flowlab::plot;

namespace {
// Where the legend landed: the mean of the pixels in its text colour (0x222222, the legend's
// alone), as fractions of the picture's width and height.
std::pair<double, double> legend_position(const Chart& c) {
  const int w = 900, h = 560;
  const auto px = render(c, w, h);
  double sx = 0, sy = 0, n = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = &px[static_cast<std::size_t>((y * w + x) * 4)];
      if (p[0] == 0x22 && p[1] == 0x22 && p[2] == 0x22) sx += x, sy += y, ++n;
    }
  REQUIRE(n > 0);
  return {sx / n / w, sy / n / h};
}

Chart line_through(std::vector<double> x, std::vector<double> y) {
  Chart c;
  c.ymin = 0, c.ymax = 1.05;  // as the stationary count's figure: 1 near the top
  Series s;
  s.label = "DATA", s.x = std::move(x), s.y = std::move(y);
  c.series.push_back(s);
  return c;
}
}  // namespace

TEST_CASE("plot: the legend takes the corner the data leave free") {
  const auto [x1, y1] = legend_position(line_through({0, 1}, {0, 0}));  // along the bottom
  CHECK(x1 > 0.5);
  CHECK(y1 < 0.5);  // top right, the default
  const auto [x2, y2] = legend_position(line_through({0, 1}, {1, 1}));  // along the top
  CHECK(y2 > 0.5);
  Chart c = line_through({0, 2}, {1, 1});  // along the top, and along the bottom's right half
  c.series.push_back(c.series.front());
  c.series.back().x = {1, 2}, c.series.back().y = {0, 0};
  const auto [x3, y3] = legend_position(c);
  CHECK(y3 > 0.5);
  CHECK(x3 < 0.5);  // bottom left, the one corner left
}

#pragma once
// Line charts drawn by Flowlab itself into PNG files (no Python, no plotting
// library at run time): the reproductions' figures. Axes with ticks and
// labels, one colour per series, markers, error bars, a legend. Text uses a
// built-in 3x5 pixel font (upper case, digits, a little punctuation), scaled.
#include <cstdint>
#include <string>
#include <vector>

namespace flowlab::plot {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::vector<double> err;      // optional: +- err[i] drawn as an error bar
  std::uint32_t color = 0;      // 0xRRGGBB; 0 picks the next of a fixed palette
  bool line = true, markers = true;
};

struct Chart {
  std::string title, xlabel, ylabel;
  std::vector<Series> series;
  double ymin = 0, ymax = 0;    // equal: fitted to the data
  bool logx = false;
};

// RGBA pixels, top row first.
std::vector<std::uint8_t> render(const Chart& c, int width, int height);
bool write_chart_png(const std::string& path, const Chart& c, int width = 900, int height = 560);

}  // namespace flowlab::plot

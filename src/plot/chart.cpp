#include "chart.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "png.hpp"

namespace flowlab::plot {
namespace {
// 3x5 glyphs, a row per entry (bit 2 = left column).
struct Glyph {
  char c;
  std::uint8_t rows[5];
};
constexpr Glyph kFont[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 7, 1, 7}}, {'4', {5, 5, 7, 1, 1}},
    {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}}, {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}},
    {'A', {2, 5, 7, 5, 5}}, {'B', {6, 5, 6, 5, 6}}, {'C', {7, 4, 4, 4, 7}}, {'D', {6, 5, 5, 5, 6}}, {'E', {7, 4, 6, 4, 7}},
    {'F', {7, 4, 6, 4, 4}}, {'G', {7, 4, 5, 5, 7}}, {'H', {5, 5, 7, 5, 5}}, {'I', {7, 2, 2, 2, 7}}, {'J', {1, 1, 1, 5, 7}},
    {'K', {5, 5, 6, 5, 5}}, {'L', {4, 4, 4, 4, 7}}, {'M', {5, 7, 7, 5, 5}}, {'N', {6, 5, 5, 5, 5}}, {'O', {7, 5, 5, 5, 7}},
    {'P', {7, 5, 7, 4, 4}}, {'Q', {7, 5, 5, 7, 1}}, {'R', {6, 5, 6, 5, 5}}, {'S', {7, 4, 7, 1, 7}}, {'T', {7, 2, 2, 2, 2}},
    {'U', {5, 5, 5, 5, 7}}, {'V', {5, 5, 5, 5, 2}}, {'W', {5, 5, 7, 7, 5}}, {'X', {5, 5, 2, 5, 5}}, {'Y', {5, 5, 2, 2, 2}},
    {'Z', {7, 1, 2, 4, 7}}, {'.', {0, 0, 0, 0, 2}}, {'-', {0, 0, 7, 0, 0}}, {'+', {0, 2, 7, 2, 0}}, {'(', {2, 4, 4, 4, 2}},
    {')', {2, 1, 1, 1, 2}}, {'/', {1, 1, 2, 4, 4}}, {':', {0, 2, 0, 2, 0}}, {'=', {0, 7, 0, 7, 0}}, {'%', {5, 1, 2, 4, 5}},
    {',', {0, 0, 0, 2, 4}}, {'_', {0, 0, 0, 0, 7}}, {'<', {1, 2, 4, 2, 1}}, {'>', {4, 2, 1, 2, 4}}, {'\'', {2, 2, 0, 0, 0}}};
constexpr std::uint32_t kPalette[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0x17becf, 0x7f7f7f};

struct Canvas {
  int w, h;
  std::vector<std::uint8_t> px;
  Canvas(int width, int height) : w(width), h(height), px(static_cast<std::size_t>(width * height * 4), 255) {}
  void put(int x, int y, std::uint32_t rgb, double alpha = 1.0) {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    std::uint8_t* p = &px[static_cast<std::size_t>((y * w + x) * 4)];
    for (int k = 0; k < 3; ++k) {
      const double c = (rgb >> (16 - 8 * k)) & 255;
      p[k] = static_cast<std::uint8_t>(std::lround(p[k] + alpha * (c - p[k])));
    }
  }
  void disc(double cx, double cy, double r, std::uint32_t rgb) {
    for (int y = static_cast<int>(cy - r - 1); y <= static_cast<int>(cy + r + 1); ++y)
      for (int x = static_cast<int>(cx - r - 1); x <= static_cast<int>(cx + r + 1); ++x) {
        const double d = std::hypot(x - cx, y - cy);
        if (d < r + 0.5) put(x, y, rgb, std::min(1.0, r + 0.5 - d));
      }
  }
  // A line of the given width: discs along it (simple, and round at the joints).
  void line(double x0, double y0, double x1, double y1, std::uint32_t rgb, double width = 1.0) {
    const int n = std::max(1, static_cast<int>(std::hypot(x1 - x0, y1 - y0) * 2));
    for (int i = 0; i <= n; ++i) disc(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n, width / 2, rgb);
  }
  void text(const std::string& s, int x, int y, int scale, std::uint32_t rgb, bool vertical = false) {
    int pen = 0;
    for (char ch : s) {
      const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      for (const Glyph& g : kFont)
        if (g.c == up)
          for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 3; ++c)
              if (g.rows[r] >> (2 - c) & 1)
                for (int a = 0; a < scale; ++a)
                  for (int b = 0; b < scale; ++b) {
                    const int gx = pen + c * scale + a, gy = r * scale + b;
                    if (vertical) put(x + gy, y - gx, rgb);
                    else put(x + gx, y + gy, rgb);
                  }
      pen += 4 * scale;
    }
  }
};

int text_width(const std::string& s, int scale) { return static_cast<int>(s.size()) * 4 * scale - scale; }

std::string tick_label(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::abs(v) < 1e-12 ? 0.0 : v);
  return buf;
}

// About five round tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi) {
  const double raw = (hi - lo) / 5, mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
  std::vector<double> t;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.push_back(v);
  return t;
}
}  // namespace

std::vector<std::uint8_t> render(const Chart& chart, int width, int height) {
  Canvas cv(width, height);
  const int s = 2, left = 90, right = 30, top = 50, bottom = 70;
  const int pw = width - left - right, ph = height - top - bottom;
  const auto along_x = [&](double x) { return chart.logx ? std::log10(x) : x; };  // the axis' own scale
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const Series& se : chart.series)
    for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
      const double e = i < se.err.size() ? se.err[i] : 0.0;
      const double x = along_x(se.x[i]);
      x0 = std::min(x0, x), x1 = std::max(x1, x);
      y0 = std::min(y0, se.y[i] - e), y1 = std::max(y1, se.y[i] + e);
    }
  if (!std::isfinite(x0)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  if (chart.ymin != chart.ymax) y0 = chart.ymin, y1 = chart.ymax;
  if (x1 - x0 < 1e-12) x0 -= 0.5, x1 += 0.5;
  if (y1 - y0 < 1e-12) y0 -= 0.5, y1 += 0.5;
  const double padx = 0.03 * (x1 - x0), pady = 0.05 * (y1 - y0);
  x0 -= padx, x1 += padx;
  if (chart.ymin == chart.ymax) y0 -= pady, y1 += pady;
  const auto X = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
  const auto Y = [&](double y) { return top + (1 - (y - y0) / (y1 - y0)) * ph; };
  const auto PX = [&](const Series& se, std::size_t i) { return X(along_x(se.x[i])); };  // point i's pixel x
  const std::uint32_t axis = 0x333333, grid = 0xe6e6e6;
  for (double t : ticks(y0, y1)) {
    cv.line(left, Y(t), left + pw, Y(t), grid);
    const std::string l = tick_label(t);
    cv.text(l, left - 10 - text_width(l, s), static_cast<int>(Y(t)) - 5, s, axis);
  }
  std::vector<double> xt = ticks(x0, x1);
  if (chart.logx && x1 - x0 >= 1.5) {  // whole decades
    xt.clear();
    for (double e = std::ceil(x0); e <= x1; ++e) xt.push_back(e);
  }
  for (double t : xt) {
    cv.line(X(t), top, X(t), top + ph, grid);
    const std::string l = chart.logx ? tick_label(std::pow(10.0, t)) : tick_label(t);
    cv.text(l, static_cast<int>(X(t)) - text_width(l, s) / 2, top + ph + 10, s, axis);
  }
  cv.line(left, top + ph, left + pw, top + ph, axis, 1.5);
  cv.line(left, top, left, top + ph, axis, 1.5);
  cv.text(chart.title, left + (pw - text_width(chart.title, 3)) / 2, 15, 3, 0x111111);
  cv.text(chart.xlabel, left + (pw - text_width(chart.xlabel, s)) / 2, height - 30, s, axis);
  cv.text(chart.ylabel, 20, top + (ph + text_width(chart.ylabel, s)) / 2, s, axis, true);
  int legend_w = 0, legend_n = 0;
  for (const Series& se : chart.series)
    if (!se.label.empty()) legend_w = std::max(legend_w, text_width(se.label, s)), ++legend_n;
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const Series& se = chart.series[k];
    const std::uint32_t c = se.color ? se.color : kPalette[k % std::size(kPalette)];
    for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
      const double x = PX(se, i), y = Y(se.y[i]);
      if (i < se.err.size() && se.err[i] > 0) {
        cv.line(x, Y(se.y[i] - se.err[i]), x, Y(se.y[i] + se.err[i]), c, 1.5);
        cv.line(x - 4, Y(se.y[i] - se.err[i]), x + 4, Y(se.y[i] - se.err[i]), c, 1.5);
        cv.line(x - 4, Y(se.y[i] + se.err[i]), x + 4, Y(se.y[i] + se.err[i]), c, 1.5);
      }
      if (se.line && i > 0)
        cv.line(PX(se, i - 1), Y(se.y[i - 1]), x, y, c, 2.5);
      if (se.markers) cv.disc(x, y, 4, c);
    }
  }
  // The legend goes in the corner whose box covers the least of the data (top right on a tie),
  // over a white box so that lines do not cross its text.
  const int box_w = legend_w + 42, box_h = 18 * legend_n + 8;
  const int corners[4][2] = {{left + pw - 4 - box_w, top + 4},
                             {left + 4, top + 4},
                             {left + pw - 4 - box_w, top + ph - 4 - box_h},
                             {left + 4, top + ph - 4 - box_h}};
  int bx = corners[0][0], by = corners[0][1];
  double least = std::numeric_limits<double>::infinity();
  for (const auto& corner : corners) {
    double covered = 0;
    const auto inside = [&](double x, double y) {
      return x >= corner[0] - 6 && x <= corner[0] + box_w + 6 && y >= corner[1] - 6 && y <= corner[1] + box_h + 6;
    };
    for (const Series& se : chart.series)
      for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
        const double x = PX(se, i), y = Y(se.y[i]);
        covered += inside(x, y) ? 10 : 0;  // a marker weighs more than a stretch of line
        if (se.line && i > 0) {
          const double xp = PX(se, i - 1), yp = Y(se.y[i - 1]);
          for (int t = 1; t < 20; ++t) covered += inside(xp + (x - xp) * t / 20, yp + (y - yp) * t / 20) ? 1 : 0;
        }
      }
    if (covered < least) least = covered, bx = corner[0], by = corner[1];
  }
  if (legend_n > 0)
    for (int y = by; y < by + box_h; ++y)
      for (int x = bx; x < bx + box_w; ++x) cv.put(x, y, 0xffffff, 0.9);
  int legend_y = by + 6;
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const Series& se = chart.series[k];
    if (se.label.empty()) continue;
    const std::uint32_t c = se.color ? se.color : kPalette[k % std::size(kPalette)];
    const int lx = bx + 6;
    cv.line(lx, legend_y + 5, lx + 24, legend_y + 5, c, 3);
    cv.text(se.label, lx + 30, legend_y, s, 0x222222);
    legend_y += 18;
  }
  return cv.px;
}

bool write_chart_png(const std::string& path, const Chart& c, int width, int height) {
  return write_png(path, width, height, render(c, width, height));
}

}  // namespace flowlab::plot

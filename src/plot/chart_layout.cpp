// The figure's geometry, apart from any drawing library: ranges, ticks, margins and
// the legend's corner (the one whose box covers the least of the data).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "chart.hpp"

namespace flowlab::plot {
namespace {
// About five round tick values covering [lo, hi]; whole numbers only where the data are counts.
std::vector<double> ticks(double lo, double hi, bool whole = false) {
  const double raw = (hi - lo) / 5, mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
  if (whole) step = std::max(step, 1.0);
  std::vector<double> t;
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.push_back(v);
  return t;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

Result<Format> figure_format(const std::string& path) {
  const auto dot = path.find_last_of('.');
  const std::string ext = dot == std::string::npos ? "" : lower(path.substr(dot + 1));
  if (ext == "png") return Format::png;
  if (ext == "svg") return Format::svg;
  if (ext == "pdf") return Format::pdf;
  return Error{path + ": a figure's file name ends in .png, .svg or .pdf"};
}

Result<FigureOptions> parse_figure_size(const std::string& text, FigureOptions into) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
      w < kMinFigureSide || h < kMinFigureSide || w > kMaxFigureSide || h > kMaxFigureSide)
    return Error{"'" + text.substr(0, 40) + "' is not a figure size WxH with sides in [" +
                 std::to_string(kMinFigureSide) + ", " + std::to_string(kMaxFigureSide) + "] (e.g. 1200x750)"};
  into.width = w, into.height = h;
  return into;
}

Result<Theme> parse_theme(const std::string& text) {
  if (text == "light") return Theme::light;
  if (text == "dark") return Theme::dark;
  return Error{"the theme is light or dark (got '" + text.substr(0, 40) + "')"};
}

double estimated_text_width(const std::string& text, double size) {
  return 0.6 * size * static_cast<double>(utf8_length(text));
}

std::string tick_label(double v, bool log_axis, bool decades) {
  if (std::abs(v) < 1e-12) v = 0;
  char buf[32];
  if (!log_axis) {
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }
  const double e = std::round(v);  // v is log10 of the value
  if (std::abs(v - e) > 1e-9 || !decades) {  // not a whole decade: the value itself
    std::snprintf(buf, sizeof buf, "%g", std::pow(10.0, v));
    return buf;
  }
  if (e == 0) return "1";
  if (e == 1) return "10";
  static const char* const kSuper[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "10";
  if (e < 0) out += "⁻";
  std::snprintf(buf, sizeof buf, "%d", static_cast<int>(std::abs(e)));
  for (const char* c = buf; *c; ++c) out += kSuper[*c - '0'];
  return out;
}

double Layout::axis_x(double x) const { return logx ? std::log10(x) : x; }
double Layout::px(double x) const { return left + (x - x0) / (x1 - x0) * width; }
double Layout::py(double y) const { return top + (1 - (y - y0) / (y1 - y0)) * height; }

Layout layout(const Chart& chart, const FigureOptions& o, const TextWidth& text_width) {
  Layout L{};
  L.font = 13.0 * std::clamp(std::min(o.width / 900.0, o.height / 560.0), 0.6, 4.0);
  L.logx = chart.logx;
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const Series& se : chart.series)
    for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
      const double e = i < se.err.size() ? se.err[i] : 0.0;
      const double x = L.axis_x(se.x[i]);
      if (!std::isfinite(x) || !std::isfinite(se.y[i])) continue;
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
  L.x0 = x0, L.x1 = x1, L.y0 = y0, L.y1 = y1;
  L.yticks = ticks(y0, y1);
  bool whole_x = !chart.logx;  // every x an integer (N, a subset's size): no tick at 1.5
  for (const Series& se : chart.series)
    for (double x : se.x) whole_x = whole_x && x == std::round(x);
  L.xticks = ticks(x0, x1, whole_x);
  if (chart.logx && x1 - x0 >= 1.5) {  // whole decades
    L.xticks.clear();
    for (double e = std::ceil(x0); e <= x1; ++e) L.xticks.push_back(e);
  } else if (chart.logx) {  // less than two decades: 1, 2 and 5 in each (or every digit), written out
    L.log_decades = false;
    for (const std::vector<double>& digits : {std::vector<double>{1, 2, 5}, std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
      L.xticks.clear();
      for (double e = std::floor(x0); e <= x1; ++e)
        for (double m : digits)
          if (const double t = e + std::log10(m); t >= x0 && t <= x1) L.xticks.push_back(t);
      if (L.xticks.size() >= 3) break;
    }
  }
  // Margins from the text they hold: tick labels, the axis labels and the title.
  L.tick_font = 0.85 * L.font;
  L.gap = 0.6 * L.font;
  const double tick = L.tick_font, gap = L.gap;
  double ytick_w = 0;
  for (double t : L.yticks) ytick_w = std::max(ytick_w, text_width(tick_label(t, false), tick));
  L.left = gap + 1.2 * L.font + gap + ytick_w + gap;
  L.top = (chart.title.empty() ? 1.0 : 2.6) * L.font;
  const double right = 2.0 * L.font;
  const double bottom = gap + 1.2 * tick + gap + 1.2 * L.font + gap;
  L.width = std::max(10.0, o.width - L.left - right);
  L.height = std::max(10.0, o.height - L.top - bottom);
  // The legend goes where its box covers the least of the data: a corner (top right on a tie), or
  // the middle of the left or right side when the data fill all four corners.
  int entries = 0;
  double label_w = 0;
  for (const Series& se : chart.series)
    if (!se.label.empty()) label_w = std::max(label_w, text_width(se.label, L.font)), ++entries;
  L.legend_w = entries ? label_w + 3.6 * L.font : 0;
  L.legend_h = entries ? 1.5 * L.font * entries + 0.6 * L.font : 0;
  const double inset = 0.4 * L.font;
  const double right_x = L.left + L.width - inset - L.legend_w, left_x = L.left + inset;
  const double top_y = L.top + inset, bottom_y = L.top + L.height - inset - L.legend_h;
  const double middle_y = L.top + (L.height - L.legend_h) / 2;
  const double corners[6][2] = {{right_x, top_y},    {left_x, top_y},     {right_x, bottom_y},
                                {left_x, bottom_y}, {right_x, middle_y}, {left_x, middle_y}};
  double least = std::numeric_limits<double>::infinity();
  for (const auto& corner : corners) {
    double covered = 0;
    const auto inside = [&](double x, double y) {
      return x >= corner[0] - inset && x <= corner[0] + L.legend_w + inset && y >= corner[1] - inset &&
             y <= corner[1] + L.legend_h + inset;
    };
    for (const Series& se : chart.series)
      for (std::size_t i = 0; i < se.x.size() && i < se.y.size(); ++i) {
        const double x = L.data_px(se.x[i]), y = L.py(se.y[i]);
        covered += inside(x, y) ? 10 : 0;  // a marker weighs more than a stretch of line
        if (se.line && i > 0) {
          const double xp = L.data_px(se.x[i - 1]), yp = L.py(se.y[i - 1]);
          for (int t = 1; t < 20; ++t) covered += inside(xp + (x - xp) * t / 20, yp + (y - yp) * t / 20) ? 1 : 0;
        }
      }
    if (covered < least) least = covered, L.legend_x = corner[0], L.legend_y = corner[1];
  }
  return L;
}

}  // namespace flowlab::plot

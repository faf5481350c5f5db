#pragma once
// The reproductions' figures: line charts with axes, ticks, error bars and a
// legend, laid out here (chart_layout.cpp) and drawn with Cairo (chart_cairo.cpp)
// into PNG, SVG or PDF, by the file's extension. Text is set in DejaVu Sans
// through fontconfig, in mixed case with Unicode (σ, ρ, ≥); in SVG it stays
// text (<text> elements a reader can select and search). The WASM build has no
// Cairo: write_chart says so (the page draws its curves with ImGui).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/runtime/result.hpp"

namespace flowlab::plot {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::vector<double> err;      // optional: +- err[i] drawn as an error bar
  std::uint32_t color = 0;      // 0xRRGGBB; 0 picks the next of the theme's palette
  bool line = true, markers = true;
};

struct Chart {
  std::string title, xlabel, ylabel;
  std::vector<Series> series;
  double ymin = 0, ymax = 0;    // equal: fitted to the data
  bool logx = false;
};

enum class Theme { light, dark };
enum class Format { png, svg, pdf };

struct FigureOptions {
  int width = 900, height = 560;  // pixels (PNG) or points (SVG, PDF)
  Theme theme = Theme::light;
};
constexpr int kMinFigureSide = 200, kMaxFigureSide = 8000;

// The format a path's extension names (.png, .svg, .pdf, any case), or why not.
Result<Format> figure_format(const std::string& path);
// "WxH" (e.g. 1200x750), each side in [kMinFigureSide, kMaxFigureSide].
Result<FigureOptions> parse_figure_size(const std::string& text, FigureOptions into = {});
Result<Theme> parse_theme(const std::string& text);
// Whether this build can draw figures (natively: Cairo; WASM: no).
bool figures_available();

// Draws `c` into `path`, in the format of its extension.
Status write_chart(const std::string& path, const Chart& c, const FigureOptions& o = {});

// Where things go, in the figure's units (top left origin), for a given size: the drawing and the
// tests share it. Text sizes come from `text_width`, the font's own advance of a string at a size.
struct Layout {
  double left, top, width, height;          // the plot area
  double x0, x1, y0, y1;                    // the data range it shows (x in log10 when logx)
  std::vector<double> xticks, yticks;       // in the same units as x0..x1, y0..y1
  double legend_x, legend_y, legend_w, legend_h;  // the legend's box (empty when no series has a label)
  double font;                              // the base font size; the title is 1.3x
  double tick_font;                         // the tick labels' size (0.85x)
  double gap;                               // the space between an axis, its tick labels and its label
  bool logx;
  bool log_decades = true;                  // logx: ticks at whole decades (10⁻³); else at 1, 2, 5 x 10^k, written out
  double axis_x(double x) const;            // a data x in the axis' units: log10(x) when logx
  double px(double x) const;                // an x in the axis' units (a tick) to figure x
  double data_px(double x) const { return px(axis_x(x)); }  // a data x to figure x
  double py(double y) const;
};
using TextWidth = std::function<double(const std::string& text, double size)>;
Layout layout(const Chart& c, const FigureOptions& o, const TextWidth& text_width);
// An estimate of DejaVu Sans' advance (0.6 em a character), where no font is at hand.
double estimated_text_width(const std::string& text, double size);

// A tick's text: %g, and 10⁻³ (Unicode superscripts) on a log axis; with decades false, a log
// axis's value written out (0.05, 0.1, 0.2).
std::string tick_label(double v, bool log_axis, bool decades = true);

}  // namespace flowlab::plot

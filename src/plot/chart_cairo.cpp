// The figures drawn with Cairo: an image surface written as PNG (libpng, inside Cairo),
// or a vector surface, SVG or PDF. Text goes through Cairo's font API, so fontconfig
// picks DejaVu Sans (fonts-dejavu-core); in SVG, whose Cairo writer turns glyphs into
// outlines, the text is written as <text> elements instead, so it stays text.
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "cairo_kit.hpp"
#include "chart.hpp"

namespace flowlab::plot {
namespace {
// Series s's colour: its own, or the theme's palette in turn.
std::uint32_t colour_of(const Chart& chart, std::size_t s, const Colors& k) {
  return chart.series[s].color ? chart.series[s].color : k.series[s % k.series.size()];
}

void line(cairo_t* cr, double x0, double y0, double x1, double y1) {
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void draw(cairo_t* cr, const Chart& chart, const FigureOptions& o, std::string* svg_text) {
  const Colors& k = o.theme == Theme::dark ? kDark : kLight;
  const Text text{cr, svg_text};
  const Layout L = layout(chart, o, [&](const std::string& s, double size) { return text.width(s, size); });
  const double u = L.font / 13.0;  // line widths and marks follow the type size
  set_color(cr, k.background);
  cairo_paint(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  // Grid, ticks and their labels.
  const double tick = L.tick_font, gap = L.gap;  // as the layout left room for them
  cairo_set_line_width(cr, 1.0 * u);
  for (double t : L.yticks) {
    set_color(cr, k.grid);
    line(cr, L.left, L.py(t), L.left + L.width, L.py(t));
    set_color(cr, k.axis);
    line(cr, L.left - 0.3 * gap, L.py(t), L.left, L.py(t));
    text.draw(tick_label(t, false), L.left - gap, L.py(t) + 0.35 * tick, tick, Anchor::end, k.text);
  }
  for (double t : L.xticks) {
    set_color(cr, k.grid);
    line(cr, L.px(t), L.top, L.px(t), L.top + L.height);
    set_color(cr, k.axis);
    line(cr, L.px(t), L.top + L.height, L.px(t), L.top + L.height + 0.3 * gap);
    text.draw(tick_label(t, chart.logx, L.log_decades), L.px(t), L.top + L.height + gap + tick, tick, Anchor::middle, k.text);
  }
  set_color(cr, k.axis);
  cairo_set_line_width(cr, 1.4 * u);
  line(cr, L.left, L.top + L.height, L.left + L.width, L.top + L.height);
  line(cr, L.left, L.top, L.left, L.top + L.height);
  text.draw(chart.title, L.left + L.width / 2, 1.6 * L.font, 1.3 * L.font, Anchor::middle, k.text, true);
  text.draw(chart.xlabel, L.left + L.width / 2, o.height - gap, L.font, Anchor::middle, k.text);
  text.draw(chart.ylabel, gap + L.font, L.top + L.height / 2, L.font, Anchor::middle, k.text, false, true);
  // The series, clipped to the plot area (and a marker's width): error bars, the line, then the markers over it.
  cairo_save(cr);
  const double bleed = 5 * u;  // a marker on the edge of the range is drawn whole
  cairo_rectangle(cr, L.left - bleed, L.top - bleed, L.width + 2 * bleed, L.height + 2 * bleed);
  cairo_clip(cr);
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const Series& se = chart.series[s];
    set_color(cr, colour_of(chart, s, k));
    const std::size_t n = std::min(se.x.size(), se.y.size());
    cairo_set_line_width(cr, 1.4 * u);
    for (std::size_t i = 0; i < n && i < se.err.size(); ++i) {
      if (!(se.err[i] > 0)) continue;
      const double x = L.data_px(se.x[i]), lo = L.py(se.y[i] - se.err[i]), hi = L.py(se.y[i] + se.err[i]);
      line(cr, x, lo, x, hi);
      line(cr, x - 4 * u, lo, x + 4 * u, lo);
      line(cr, x - 4 * u, hi, x + 4 * u, hi);
    }
    if (se.line && n > 1) {
      cairo_set_line_width(cr, 2.2 * u);
      for (std::size_t i = 0; i < n; ++i) {
        const double x = L.data_px(se.x[i]), y = L.py(se.y[i]);
        if (i == 0) cairo_move_to(cr, x, y);
        else cairo_line_to(cr, x, y);
      }
      cairo_stroke(cr);
    }
    if (se.markers)
      for (std::size_t i = 0; i < n; ++i) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, L.data_px(se.x[i]), L.py(se.y[i]), 3.6 * u, 0, 2 * M_PI);
        cairo_fill(cr);
      }
  }
  cairo_restore(cr);
  // The legend: a box over the data in the corner the layout chose.
  if (L.legend_w > 0) {
    set_color(cr, k.background, 0.9);
    cairo_rectangle(cr, L.legend_x, L.legend_y, L.legend_w, L.legend_h);
    cairo_fill_preserve(cr);
    set_color(cr, k.grid);
    cairo_set_line_width(cr, 1.0 * u);
    cairo_stroke(cr);
    double y = L.legend_y + 0.3 * L.font + 0.75 * L.font;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const Series& se = chart.series[s];
      if (se.label.empty()) continue;
      const double x = L.legend_x + 0.6 * L.font;
      set_color(cr, colour_of(chart, s, k));
      cairo_set_line_width(cr, 2.6 * u);
      if (se.line) line(cr, x, y, x + 1.9 * L.font, y);
      if (se.markers) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x + 0.95 * L.font, y, 3.6 * u, 0, 2 * M_PI);
        cairo_fill(cr);
      }
      text.draw(se.label, x + 2.5 * L.font, y + 0.35 * L.font, L.font, Anchor::start, k.text);
      y += 1.5 * L.font;
    }
  }
}

}  // namespace

bool figures_available() { return true; }

Status write_chart(const std::string& path, const Chart& c, const FigureOptions& o) {
  if (o.width < kMinFigureSide || o.height < kMinFigureSide || o.width > kMaxFigureSide || o.height > kMaxFigureSide)
    return Error{"a figure's sides are in [" + std::to_string(kMinFigureSide) + ", " + std::to_string(kMaxFigureSide) + "]"};
  return render_figure(path, o.width, o.height, [&](cairo_t* cr, std::string* svg_text) { draw(cr, c, o, svg_text); });
}

}  // namespace flowlab::plot

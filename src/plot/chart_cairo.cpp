// The figures drawn with Cairo: an image surface written as PNG (libpng, inside Cairo),
// or a vector surface, SVG or PDF. Text goes through Cairo's font API, so fontconfig
// picks DejaVu Sans (fonts-dejavu-core); in SVG, whose Cairo writer turns glyphs into
// outlines, the text is written as <text> elements instead, so it stays text.
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include "chart.hpp"

namespace flowlab::plot {
namespace {
struct Colors {
  std::uint32_t background, text, axis, grid;
  std::array<std::uint32_t, 8> series;
};
constexpr Colors kLight = {0xffffff, 0x222222, 0x333333, 0xe3e3e3,
                           {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0x17becf, 0x7f7f7f}};
constexpr Colors kDark = {0x16181d, 0xe8e8e8, 0xc8c8c8, 0x33363d,
                          {0x5fa8e8, 0xf0605d, 0x62c462, 0xffa54a, 0xb999e0, 0xc49a8a, 0x4fd6e4, 0xb0b0b0}};

void set_color(cairo_t* cr, std::uint32_t rgb, double alpha = 1.0) {
  cairo_set_source_rgba(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0, alpha);
}

std::string hex(std::uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xffffff);
  return buf;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

enum class Anchor { start, middle, end };

// Text through one door: drawn with Cairo, or (SVG) kept as <text> elements for the file's end.
struct Text {
  cairo_t* cr;
  std::string* svg = nullptr;
  double width(const std::string& s, double size, bool bold = false) const {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
  }
  // (x, y): the anchor point on the baseline; vertical: turned a quarter anticlockwise.
  void draw(const std::string& s, double x, double y, double size, Anchor a, std::uint32_t rgb, bool bold = false,
            bool vertical = false) const {
    if (s.empty()) return;
    if (svg) {
      char head[256];
      std::snprintf(head, sizeof head, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, sans-serif\" "
                    "font-size=\"%.2f\"%s fill=\"%s\" text-anchor=\"%s\"", x, y, size,
                    bold ? " font-weight=\"bold\"" : "", hex(rgb).c_str(),
                    a == Anchor::start ? "start" : a == Anchor::middle ? "middle" : "end");
      *svg += head;
      if (vertical) {
        std::snprintf(head, sizeof head, " transform=\"rotate(-90 %.2f %.2f)\"", x, y);
        *svg += head;
      }
      *svg += ">" + xml_escape(s) + "</text>\n";
      return;
    }
    const double w = width(s, size, bold);
    const double shift = a == Anchor::start ? 0 : a == Anchor::middle ? -w / 2 : -w;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    if (vertical) cairo_rotate(cr, -M_PI / 2);
    cairo_move_to(cr, shift, 0);
    set_color(cr, rgb);
    cairo_show_text(cr, s.c_str());
    cairo_restore(cr);
  }
};

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

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status cairo_error(const std::string& path, cairo_status_t s) {
  return Error{path + ": cannot draw the figure (" + cairo_status_to_string(s) + ")"};
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
}  // namespace

bool figures_available() { return true; }

Status write_chart(const std::string& path, const Chart& c, const FigureOptions& o) {
  auto format = figure_format(path);
  if (!format) return Error{format.message()};
  if (o.width < kMinFigureSide || o.height < kMinFigureSide || o.width > kMaxFigureSide || o.height > kMaxFigureSide)
    return Error{"a figure's sides are in [" + std::to_string(kMinFigureSide) + ", " + std::to_string(kMaxFigureSide) + "]"};
  std::string svg;  // the SVG file, and apart its text
  std::string svg_text;
  Surface surface(nullptr, cairo_surface_destroy);
  switch (format.value()) {
    case Format::png: surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, o.width, o.height)); break;
    case Format::svg: surface.reset(cairo_svg_surface_create_for_stream(append, &svg, o.width, o.height)); break;
    case Format::pdf: surface.reset(cairo_pdf_surface_create(path.c_str(), o.width, o.height)); break;
  }
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  {
    Context cr(cairo_create(surface.get()), cairo_destroy);
    draw(cr.get(), c, o, format.value() == Format::svg ? &svg_text : nullptr);
    if (auto s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  }
  if (format.value() == Format::png) {
    if (auto s = cairo_surface_write_to_png(surface.get(), path.c_str()); s != CAIRO_STATUS_SUCCESS)
      return cairo_error(path, s);
    return Status::ok();
  }
  cairo_surface_finish(surface.get());
  if (auto s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) return cairo_error(path, s);
  if (format.value() == Format::svg) {
    const auto end = svg.rfind("</svg>");
    if (end == std::string::npos) return Error{path + ": Cairo wrote no SVG"};
    svg.insert(end, "<g id=\"text\">\n" + svg_text + "</g>\n");
    std::ofstream f(path, std::ios::binary);
    f << svg;
    f.close();
    if (!f) return Error{path + ": cannot write"};
  }
  return Status::ok();
}

}  // namespace flowlab::plot

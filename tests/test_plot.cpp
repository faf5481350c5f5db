#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#ifndef __EMSCRIPTEN__
#include <png.h>
#include <unistd.h>
#endif

#include "plot/chart.hpp"

using namespace flowlab::plot;

namespace {
// The legend box's centre, as fractions of the figure's width and height.
std::pair<double, double> legend_position(const Chart& c) {
  const FigureOptions o;
  const Layout L = layout(c, o, estimated_text_width);
  REQUIRE(L.legend_w > 0);
  return {(L.legend_x + L.legend_w / 2) / o.width, (L.legend_y + L.legend_h / 2) / o.height};
}

Chart line_through(std::vector<double> x, std::vector<double> y) {
  Chart c;
  c.ymin = 0, c.ymax = 1.05;  // as the stationary count's figure: 1 near the top
  Series s;
  s.label = "data", s.x = std::move(x), s.y = std::move(y);
  c.series.push_back(s);
  return c;
}

Chart sample_chart() {
  Chart c = line_through({1e-4, 1e-3, 1e-2}, {0.2, 0.5, 0.9});
  c.title = "Memorization vs N";
  c.xlabel = "noise level σ";
  c.ylabel = "fraction at training points ≥ 0";
  c.logx = true;
  c.series.front().err = {0.05, 0.1, 0.02};
  return c;
}

#ifndef __EMSCRIPTEN__
std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
#endif
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

TEST_CASE("plot: lines along the top and the bottom leave the legend the middle of a side") {
  Chart c = line_through({0, 1, 2}, {1, 1, 1});  // as the flows figure: fractions near 1 and near 0
  c.series.push_back(c.series.front());
  c.series.back().y = {0, 0.05, 0};
  const auto [x, y] = legend_position(c);
  CHECK(x > 0.5);
  CHECK(y > 0.35);
  CHECK(y < 0.65);
}

TEST_CASE("plot: counts on the x axis get whole-number ticks") {
  const Layout L = layout(line_through({1, 2, 3, 4}, {1, 1, 0.9, 0.3}), FigureOptions{}, estimated_text_width);
  REQUIRE(L.xticks.size() >= 4);
  for (double t : L.xticks) CHECK(t == std::round(t));
  const Layout M = layout(line_through({0.1, 0.2, 0.4}, {1, 2, 3}), FigureOptions{}, estimated_text_width);
  CHECK(M.xticks[1] - M.xticks[0] < 1);  // not counts: finer ticks
}

TEST_CASE("plot: a log axis of less than two decades ticks at 1, 2 and 5, written out") {
  Chart c = line_through({0.05, 0.1, 0.2, 0.4, 0.8}, {1, 2, 3, 4, 5});
  c.logx = true;
  const Layout L = layout(c, FigureOptions{}, estimated_text_width);
  CHECK_FALSE(L.log_decades);
  std::vector<std::string> labels;
  for (double t : L.xticks) labels.push_back(tick_label(t, true, L.log_decades));
  CHECK(labels == std::vector<std::string>{"0.05", "0.1", "0.2", "0.5"});
  c = line_through({1e-4, 1e-2}, {1, 2});
  c.logx = true;
  const Layout W = layout(c, FigureOptions{}, estimated_text_width);  // wide: whole decades, as before
  CHECK(W.log_decades);
  CHECK(tick_label(W.xticks.front(), true, W.log_decades) == "10⁻⁴");
}

TEST_CASE("plot: the layout keeps the plot area inside the figure and ticks inside the range") {
  for (const auto& size : {std::pair{900, 560}, std::pair{300, 200}, std::pair{2400, 1500}}) {
    FigureOptions o;
    o.width = size.first, o.height = size.second;
    const Layout L = layout(sample_chart(), o, estimated_text_width);
    CHECK(L.left > 0);
    CHECK(L.left + L.width < o.width);
    CHECK(L.top + L.height < o.height);
    REQUIRE_FALSE(L.xticks.empty());
    for (double t : L.xticks) CHECK((t >= L.x0 && t <= L.x1));
    for (double t : L.yticks) CHECK((t >= L.y0 - 1e-12 && t <= L.y1 + 1e-12));
  }
}

TEST_CASE("plot: ticks on a log axis read 10⁻³; formats, sizes and themes are checked") {
  CHECK(tick_label(-3, true) == "10⁻³");
  CHECK(tick_label(2, true) == "10²");
  CHECK(tick_label(0, true) == "1");
  CHECK(tick_label(0.25, false) == "0.25");
  CHECK(figure_format("a/b.SVG").value() == Format::svg);
  CHECK(figure_format("fig.pdf").value() == Format::pdf);
  CHECK(figure_format("fig.png").value() == Format::png);
  CHECK(figure_format("fig.jpg").message().find("ends in .png, .svg or .pdf") != std::string::npos);
  CHECK(parse_figure_size("1200x750").value().width == 1200);
  CHECK(parse_figure_size("1200x750").value().height == 750);
  for (const char* bad : {"1200", "12x7500000", "100x100", "axb", "1200x750x3", "-5x700"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_figure_size(bad).is_ok());
  }
  CHECK(parse_theme("dark").value() == Theme::dark);
  CHECK_FALSE(parse_theme("blue").is_ok());
}

#ifndef __EMSCRIPTEN__
TEST_CASE("plot: Cairo writes each format: PNG of its size, SVG with its text as text, PDF") {
  REQUIRE(figures_available());
  const std::string base = "/tmp/flowlab_test_plot_" + std::to_string(::getpid());
  FigureOptions o;
  o.width = 640, o.height = 400;
  for (Theme theme : {Theme::light, Theme::dark}) {
    o.theme = theme;
    REQUIRE(write_chart(base + ".png", sample_chart(), o).is_ok());
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, (base + ".png").c_str()));
    CHECK(image.width == 640);
    CHECK(image.height == 400);
    image.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> px(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, px.data(), 0, nullptr));
    const int corner = px[0] + px[1] + px[2];  // the background: white, or the dark theme's
    CHECK((theme == Theme::light ? corner == 765 : corner < 120));
    std::set<std::uint32_t> colours;  // anti-aliased strokes and type blend into many shades, not a handful
    for (std::size_t i = 0; i < px.size(); i += 3) colours.insert(px[i] << 16 | px[i + 1] << 8 | px[i + 2]);
    CHECK(colours.size() > 200);
  }
  REQUIRE(write_chart(base + ".svg", sample_chart(), o).is_ok());
  const std::string svg = slurp(base + ".svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find(">noise level σ</text>") != std::string::npos);
  CHECK(svg.find(">fraction at training points ≥ 0</text>") != std::string::npos);
  CHECK(svg.find(">10⁻³</text>") != std::string::npos);
  REQUIRE(write_chart(base + ".pdf", sample_chart(), o).is_ok());
  CHECK(slurp(base + ".pdf").rfind("%PDF-", 0) == 0);
  CHECK(write_chart(base + ".gif", sample_chart(), o).message().find(".png, .svg or .pdf") != std::string::npos);
  CHECK(write_chart("/nonexistent/dir/f.png", sample_chart(), o).message().find("/nonexistent/dir/f.png") !=
        std::string::npos);
  for (const char* ext : {".png", ".svg", ".pdf"}) std::remove((base + ext).c_str());
}
#else
TEST_CASE("plot: the WASM build draws no figures and says why") {
  CHECK_FALSE(figures_available());
  CHECK(write_chart("f.png", sample_chart()).message().find("cannot draw figures") != std::string::npos);
}
#endif

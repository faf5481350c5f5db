#include "field_layers.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "app/share_link.hpp"
#include "render/colormap.hpp"

namespace flowlab::app {
namespace {
using render::rgba;
using render::Vertex;
constexpr int kMaxReluLines = 256;

Vertex vertex(double x, double y, std::uint32_t c) { return {static_cast<float>(x), static_cast<float>(y), c}; }

// World points of an nx by ny grid over the view, column by column: the cells'
// centres, or (`edges`) nodes from border to border.
Eigen::MatrixXd grid(const render::View2D& v, int nx, int ny, bool edges = false) {
  Eigen::MatrixXd Y(2, nx * ny);
  const double sx = edges ? 1.0 / (nx - 1) : 1.0 / nx, sy = edges ? 1.0 / (ny - 1) : 1.0 / ny, o = edges ? 0.0 : 0.5;
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j)
      v.to_world((i + o) * sx * v.width, (j + o) * sy * v.height, Y(0, i * ny + j), Y(1, i * ny + j));
  return Y;
}
}  // namespace

double FieldLayers::sigma() const { return c_.state.field_sigma > 0 ? c_.state.field_sigma : c_.sim.sigma_now(); }

// What a cached field or curve depends on: the view, the noise level and the state.
std::string FieldLayers::key(const render::View2D& v) const {
  return std::to_string(v.cx) + "," + std::to_string(v.cy) + "," + std::to_string(v.scale) + "," +
         std::to_string(v.width) + "," + std::to_string(v.height) + "," + std::to_string(sigma()) + "," +
         std::to_string(c_.sim.version()) + to_fragment(c_.state);
}

// The trained network's units as the lines w.y + b = 0 across the view, coloured by their cost |a||w|
// (bright: the units that carry the function). Rebuilt with the field.
void FieldLayers::relu_lines(const render::View2D& v, std::vector<render::Vertex>& out) const {
  const ShallowNet* net = c_.sim.trained_net();
  if (!net || net->W.cols() != 2) return;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  v.to_world(0, v.height, x0, y0);
  v.to_world(v.width, 0, x1, y1);
  const Eigen::ArrayXd cost = net->A.colwise().norm().transpose().array() * net->W.rowwise().norm().array();
  const double top = std::max(cost.maxCoeff(), 1e-12);
  // At most the 256 costliest units: a wide network's faint lines would only grey the view (and cost
  // software GL a frame).
  double floor = 0.02 * top;
  if (net->width() > kMaxReluLines) {
    std::vector<double> sorted(cost.data(), cost.data() + cost.size());
    std::nth_element(sorted.begin(), sorted.begin() + (kMaxReluLines - 1), sorted.end(), std::greater<double>());
    floor = std::max(floor, sorted[kMaxReluLines - 1]);
  }
  for (Eigen::Index k = 0; k < net->width(); ++k) {
    const double wx = net->W(k, 0), wy = net->W(k, 1), b = net->b(k), n2 = wx * wx + wy * wy;
    if (n2 == 0 || cost(k) < floor) continue;
    // the boundary through its point nearest the view's centre, along (-wy, wx), long enough to cross the view
    const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1), t = -(wx * cx + wy * cy + b) / n2;
    const double px = cx + t * wx, py = cy + t * wy, len = (x1 - x0) + (y1 - y0), n = std::sqrt(n2);
    const auto c = render::ramp(0.25 + 0.75 * cost(k) / top, static_cast<int>(60 + 180 * cost(k) / top));
    out.insert(out.end(), {vertex(px - len * wy / n, py + len * wx / n, c), vertex(px + len * wy / n, py - len * wx / n, c)});
  }
}

void FieldLayers::rebuild(int pane, const render::View2D& v) {
  Cache& cache = field_[static_cast<std::size_t>(pane)];
  const std::string wanted = key(v);
  if (cache.key == wanted) return;
  cache.key = wanted;
  cache.generation = ++generation_;
  cache.heat.clear();
  cache.lines.clear();
  if (c_.sim.data().rows() != 2) return;
  const int nx = 28, ny = std::max(2, nx * v.height / std::max(1, v.width));
  const double cell = static_cast<double>(v.width) / nx / v.scale;  // world units per arrow cell
  if (c_.state.show_heat) {  // vertex colours on a finer grid, interpolated across two triangles per cell
    const int hx = 96, hy = std::max(2, hx * v.height / std::max(1, v.width));
    const Eigen::MatrixXd Y = grid(v, hx, hy, true);
    Eigen::MatrixXd F(2, Y.cols());
    c_.sim.drift(pane, sigma(), Y, F);
    const Eigen::ArrayXd mag = F.colwise().norm().transpose().array();
    const double top = std::max(mag.maxCoeff(), 1e-12);
    const auto at = [&](int i, int j) {
      const Eigen::Index k = i * hy + j;
      return vertex(Y(0, k), Y(1, k), render::ramp(std::sqrt(mag(k) / top), 200));
    };
    for (int i = 0; i + 1 < hx; ++i)
      for (int j = 0; j + 1 < hy; ++j)
        cache.heat.insert(cache.heat.end(), {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j), at(i + 1, j + 1), at(i, j + 1)});
  }
  if (c_.state.show_field) {  // arrows, scaled by the largest in view
    const Eigen::MatrixXd Y = grid(v, nx, ny);
    Eigen::MatrixXd F(2, Y.cols());
    c_.sim.drift(pane, sigma(), Y, F);
    const double top = std::max(F.colwise().norm().maxCoeff(), 1e-12);
    const auto c = rgba(120, 140, 170, 150);
    for (Eigen::Index k = 0; k < Y.cols(); ++k) {
      const Eigen::Vector2d a = Y.col(k), dir = F.col(k) / top * 0.9 * cell;
      const Eigen::Vector2d b = a + dir, side(-dir.y() * 0.25, dir.x() * 0.25), l = b - 0.3 * dir - side,
                            r = b - 0.3 * dir + side;
      cache.lines.insert(cache.lines.end(), {vertex(a.x(), a.y(), c), vertex(b.x(), b.y(), c), vertex(b.x(), b.y(), c),
                                             vertex(r.x(), r.y(), c), vertex(b.x(), b.y(), c), vertex(l.x(), l.y(), c)});
    }
  }
  if (c_.state.show_relu && c_.sim.pane(pane).denoiser_name == "trained") relu_lines(v, cache.lines);
  if (c_.state.show_stream) {  // from a jittered grid, brightening toward their heads to show the direction
    const int sx = 20, sy = std::max(2, sx * v.height / std::max(1, v.width)), length = 14;
    Eigen::MatrixXd seeds = grid(v, sx, sy);
    const double jitter = 0.35 * cell * (sx / 28.0 + 1);
    for (Eigen::Index k = 0; k < seeds.cols(); ++k) {  // a fixed golden-ratio jitter breaks the grid's regularity
      seeds(0, k) += jitter * (std::fmod(0.618034 * static_cast<double>(k), 1.0) - 0.5);
      seeds(1, k) += jitter * (std::fmod(0.754878 * static_cast<double>(k), 1.0) - 0.5);
    }
    const Eigen::MatrixXd L = c_.sim.streamlines(pane, sigma(), seeds, 0.3 * cell, length);
    for (Eigen::Index s = 0; s * (length + 1) < L.cols(); ++s)
      for (int k = 0; k < length; ++k) {
        const Eigen::Index a = s * (length + 1) + k;
        const auto c0 = rgba(200, 225, 255, 30 + 200 * k / length), c1 = rgba(200, 225, 255, 30 + 200 * (k + 1) / length);
        cache.lines.insert(cache.lines.end(), {vertex(L(0, a), L(1, a), c0), vertex(L(0, a + 1), L(1, a + 1), c1)});
      }
  }
}

void FieldLayers::draw_field(render::Plot& plot, int pane, const render::View2D& v, bool heat) {
  rebuild(pane, v);
  const Cache& cache = field_[static_cast<std::size_t>(pane)];
  if (heat) plot.cached(2 * pane, cache.generation, cache.heat, GL_TRIANGLES);
  else plot.cached(2 * pane + 1, cache.generation, cache.lines, GL_LINES);
}

// 1-D data: the denoiser as a function h(y) against y, with the identity line;
// training points sit on it, particles run below the axis.
void FieldLayers::draw_function_1d(render::Plot& plot, int pane, const render::View2D& v) {
  Cache& cache = field_[static_cast<std::size_t>(pane)];
  const std::string wanted = key(v);
  if (cache.key != wanted) {
    cache.key = wanted;
    cache.generation = ++generation_;
    cache.heat.clear();
    cache.lines.clear();
    const int samples = 600;
    Eigen::MatrixXd Y(1, samples), F(1, samples);
    double y0 = 0, y1 = 0, dummy = 0;
    v.to_world(0, 0, y0, dummy);
    v.to_world(v.width, 0, y1, dummy);
    for (int i = 0; i < samples; ++i) Y(0, i) = y0 + (y1 - y0) * i / (samples - 1);
    c_.sim.drift(pane, sigma(), Y, F);
    const auto c = rgba(120, 190, 255), id = rgba(110, 110, 120, 140);
    cache.lines.insert(cache.lines.end(), {vertex(y0, y0, id), vertex(y1, y1, id)});
    for (int i = 0; i + 1 < samples; ++i)
      for (int k : {i, i + 1}) cache.lines.push_back(vertex(Y(0, k), Y(0, k) + F(0, k), c));
  }
  plot.cached(2 * pane + 1, cache.generation, cache.lines, GL_LINES);
}

}  // namespace flowlab::app

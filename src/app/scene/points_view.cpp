#include "points_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/colors.hpp"
#include "app/share_link.hpp"

namespace flowlab::app {
namespace {
using render::rgba;
using render::Vertex;

// Vertex colour: one hue per vertex subset (hashed), grey when none.
std::uint32_t vertex_color(const Classification& c, std::size_t j) {
  if (c.vertex_start[j] == c.vertex_start[j + 1]) return rgba(200, 200, 210, 140);
  unsigned h = 2166136261u;
  for (std::size_t k = c.vertex_start[j]; k < c.vertex_start[j + 1]; ++k)
    h = (h ^ static_cast<unsigned>(c.vertex_index[k] + 1)) * 16777619u;
  return rgba(80 + static_cast<int>(h & 127), 80 + static_cast<int>((h >> 8) & 127), 80 + static_cast<int>((h >> 16) & 127));
}

// The pane's rectangle in GL's bottom-up pixels: the heat field, the trails and the pane itself all
// draw through the view of this width and height (a taller viewport stretched them vertically).
void pane_viewport(const SceneFrame& f, const Rect& r) {
  glViewport(static_cast<int>(r.x), f.height - static_cast<int>(r.y + r.h), static_cast<int>(r.w), static_cast<int>(r.h));
}
}  // namespace

bool PointsView::init(std::string& error) {
  if (!plot_.init()) return error = plot_.error(), false;
  for (auto& g : gpu_points_)
    if (!g.init(error)) return false;
  return trails_.init(error);
}

void PointsView::shutdown() {
  for (auto& g : gpu_points_) g.shutdown();
  trails_.shutdown();
  plot_.shutdown();
}

bool PointsView::rings() const {
  bool any = false;
  for (const Reached& r : reached_) any = any || !r.vertices.empty();
  return any;
}

void PointsView::draw(const SceneFrame& f) {
  const Simulation& sim = c_.sim;
  const int panes = std::max(1, sim.panes());
  fields_.resize(panes);
  particle_verts_.resize(static_cast<std::size_t>(panes));
  reached_.resize(static_cast<std::size_t>(panes));
  for (int p = 0; p < sim.panes(); ++p) build_particles(p);
  glViewport(0, 0, f.width, f.height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (c_.state.show_heat && sim.data().rows() == 2)
    for (int p = 0; p < sim.panes(); ++p) {
      const Rect r = c_.layout.pane(p, panes);
      const render::View2D view = c_.projector.view(r.w, r.h);
      pane_viewport(f, r);
      plot_.begin(view);
      fields_.draw_field(plot_, p, view, true);
    }
  if (c_.state.show_trails && sim.data().rows() >= 2) draw_trails(f, panes);
  for (int p = 0; p < panes; ++p) draw_pane(f, p, c_.layout.pane(p, panes));
  glViewport(0, 0, f.width, f.height);
}

void PointsView::build_particles(int pane) {
  const Pane& p = c_.sim.pane(pane);
  const Eigen::MatrixXd& X = c_.sim.data();
  auto& verts = particle_verts_[static_cast<std::size_t>(pane)];
  verts.clear();
  const bool one_d = p.particles.rows() == 1;
  const bool by_class = c_.state.color_by == "class" && p.classes.classes.size() == static_cast<std::size_t>(p.particles.cols());
  const auto colour = [&](std::size_t k) {
    return by_class ? class_color(p.classes.classes[k])
                    : p.classes.vertex_start.size() > k + 1 ? vertex_color(p.classes, k) : rgba(200, 200, 210);
  };
  if (p.gpu_buffer && pane < 2) {  // drawn from the GPU path's buffer: only the colours, when the classes change
    const auto slot = static_cast<std::size_t>(pane);
    const std::uint64_t key = (c_.sim.classified() * 0x9E3779B97F4A7C15ull) ^ (static_cast<std::uint64_t>(p.particles.cols()) << 1) ^
                              (by_class ? 1u : 0u);
    if (key != gpu_colour_key_[slot]) {
      gpu_colours_[slot].resize(static_cast<std::size_t>(p.particles.cols()));
      for (std::size_t k = 0; k < gpu_colours_[slot].size(); ++k) gpu_colours_[slot][k] = colour(k);
      gpu_colour_key_[slot] = key;
    }
    return;
  }
  verts.reserve(static_cast<std::size_t>(p.particles.cols()));
  // 1-D: particles run along a strip under the axis, spread vertically by index so that they stay visible
  float strip_top = 0, strip_height = 0;
  if (one_d && X.cols() > 0) {
    const double lo = X.minCoeff(), extent = std::max(X.maxCoeff() - lo, 1e-6);
    strip_top = static_cast<float>(lo - 0.04 * extent), strip_height = static_cast<float>(0.18 * extent);
  }
  for (Eigen::Index j = 0; j < p.particles.cols(); ++j) {
    const auto c = colour(static_cast<std::size_t>(j));
    auto [x, y] = c_.projector.screen(p.particles, j);
    if (one_d) y = strip_top - strip_height * static_cast<float>(std::fmod(0.618034 * static_cast<double>(j), 1.0));
    verts.push_back({x, y, c});
  }
}

void PointsView::draw_particles(int pane, const render::View2D& view, float size_px) {
  const Pane& p = c_.sim.pane(pane);
  const auto slot = static_cast<std::size_t>(pane);
  plot_.begin(view);
  if (!p.gpu_buffer || pane >= 2) return plot_.points(particle_verts_[slot], size_px);
  gpu_points_[slot].draw(view, p.gpu_buffer, static_cast<int>(p.particles.cols()), c_.projector.affine(p.particles.rows()),
                         gpu_colours_[slot], gpu_colour_key_[slot], size_px);
  plot_.begin(view);  // Plot's program again, for what follows
}

// Particles are also drawn into the fading layer; a new view or a restarted run clears it.
void PointsView::draw_trails(const SceneFrame& f, int panes) {
  const AppState& s = c_.state;
  std::string key = fragment_of(s, {"cx", "cy", "zoom", "yaw", "pitch", "sbs", "proj", "ax", "ay"}) +
                    std::to_string(f.width) + "x" + std::to_string(f.height);
  for (int p = 0; p < panes; ++p) {  // a pane moved or resized (a sheet, the intro band): old trails are elsewhere
    const Rect r = c_.layout.pane(p, panes);
    for (float v : {r.x, r.y, r.w, r.h}) key += ' ' + std::to_string(static_cast<int>(std::lround(v)));
  }
  if (key != trails_key_) trails_.clear(), trails_key_ = key, last_trail_s_ = f.now;
  // The fade, in whole 8-bit steps of alpha: 255 of them over `fade` seconds.
  const int steps = std::clamp(static_cast<int>((f.now - last_trail_s_) * 255.0 / s.fade), 0, 255);
  last_trail_s_ += steps * s.fade / 255.0;
  trails_.begin(f.width, f.height, steps);
  for (int p = 0; p < panes && p < c_.sim.panes() && f.moved; ++p) {  // still particles leave no trail: it fades out
    const Rect r = c_.layout.pane(p, panes);
    pane_viewport(f, r);
    draw_particles(p, c_.projector.view(r.w, r.h), 2.0f * f.dpr);  // Plot's blending keeps the layer premultiplied
  }
  trails_.end();
  glViewport(0, 0, f.width, f.height);
  trails_.draw();
}

// Where the particles ended: a ring at each vertex reached, its size growing with
// the share of particles there, in the class's colour (a virtual point reached shows).
void PointsView::draw_markers(const SceneFrame& f, int pane, const render::View2D& view) {
  const Simulation& sim = c_.sim;
  const Pane& p = sim.pane(pane);
  Reached& r = reached_[static_cast<std::size_t>(pane)];
  if (!sim.classifier() || sim.data().rows() < 2) return;
  // Counted again a few times a second while the flow runs (a pass over every particle), and once at the end.
  if (r.classified != sim.classified() && (sim.done() || f.now - r.when > 0.5)) {
    r.classified = sim.classified();
    r.when = f.now;
    r.vertices = sim.classifier()->reached(p.classes);
  }
  const double total = std::max<double>(1.0, static_cast<double>(p.particles.cols()));
  const float px = f.dpr;
  verts_.clear();
  for (const auto& v : r.vertices) {
    if (static_cast<double>(v.count) < std::max(1.0, 0.002 * total)) continue;
    const auto [cx, cy] = c_.projector.screen(v.at);
    const double radius = (9.0 + 22.0 * std::sqrt(static_cast<double>(v.count) / total)) * px / view.scale;
    const auto c = class_color(v.cls);
    for (int k = 0; k < 40; ++k)
      for (int e : {k, k + 1}) {
        const double t = 2 * M_PI * e / 40;
        verts_.push_back({cx + static_cast<float>(radius * std::cos(t)), cy + static_cast<float>(radius * std::sin(t)), c});
      }
  }
  plot_.lines(verts_);
}

void PointsView::draw_pane(const SceneFrame& f, int pane, const Rect& rect) {
  const Simulation& sim = c_.sim;
  const Projector& proj = c_.projector;
  pane_viewport(f, rect);
  const render::View2D view = proj.view(rect.w, rect.h);
  plot_.begin(view);
  const Eigen::MatrixXd& X = sim.data();
  const bool one_d = X.rows() == 1;
  if (one_d && pane < sim.panes()) fields_.draw_function_1d(plot_, pane, view);
  const Classifier* cl = sim.classifier();
  // The hyperbox the min-norm denoiser maps into: whole up to 5 edges from the apex, else its
  // skeleton from the apex through the points to their pair sums.
  const auto box = X.rows() >= 3 && cl ? cl->hyperbox_edges(X.cols() <= 6 ? -1 : 2)
                                       : std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>>{};
  if (X.rows() == 2 && pane < sim.panes()) fields_.draw_field(plot_, pane, view, false);
  if (c_.state.show_regions && X.rows() == 2 && cl) draw_regions();
  if (c_.state.show_balls && X.cols() > 0 && !one_d) {  // the noise balls B(x_n, rho)
    verts_.clear();
    const double rho = sim.alpha() * fields_.sigma();
    for (Eigen::Index n = 0; n < X.cols(); ++n)
      for (int k = 0; k < 48; ++k)
        for (int e : {k, k + 1}) {
          const double t = 2 * M_PI * e / 48;
          const auto [bx, by] = proj.screen(X, n);  // a ball projects to a disc of the same radius
          verts_.push_back({bx + static_cast<float>(rho * std::cos(t)), by + static_cast<float>(rho * std::sin(t)),
                            rgba(255, 200, 120, 110)});
        }
    plot_.lines(verts_);
  }
  const float px = f.dpr;  // the device pixel ratio (set by the platform)
  // The training points under the particles, as white rings with a dark middle, so that the
  // particles ending on them (the score flow's whole last frame) stay visible in it.
  verts_.clear();
  for (Eigen::Index n = 0; n < X.cols(); ++n)
    verts_.push_back({proj.screen(X, n).first, one_d ? static_cast<float>(X(0, n)) : proj.screen(X, n).second, rgba(255, 255, 255, 220)});
  plot_.points(verts_, 12.0f * px);
  for (auto& v : verts_) v.rgba = rgba(18, 20, 26, 255);
  plot_.points(verts_, 7.0f * px);
  if (pane < sim.panes()) draw_particles(pane, view, 3.0f * px);
  if (!box.empty()) {  // over the particles: in 3-D they would hide it
    verts_.clear();
    for (const auto& [a, b] : box)
      for (const auto* end : {&a, &b}) verts_.push_back({proj.screen(*end).first, proj.screen(*end).second, rgba(190, 200, 235, 200)});
    plot_.lines(verts_);
  }
  if (pane < sim.panes()) draw_markers(f, pane, view);
}

void PointsView::draw_regions() {
  if (regions_key_ != c_.sim.classified_data()) {
    regions_key_ = c_.sim.classified_data();
    regions_ = c_.sim.classifier()->regions();
  }
  verts_.clear();
  for (const auto& g : regions_) {
    const auto c = (class_color(g.cls) & 0x00ffffffu) | (200u << 24);
    for (Eigen::Index k = 0; k < g.outline.cols(); ++k)
      for (Eigen::Index e : {k, (k + 1) % g.outline.cols()}) {
        const auto [x, y] = c_.projector.screen(g.outline, e);
        verts_.push_back({x, y, c});
      }
  }
  plot_.lines(verts_);
}

// Where training point n is drawn: 1-D points sit on the curve's diagonal, at height x.
std::pair<float, float> PointsView::drawn_at(Eigen::Index n) const {
  auto w = c_.projector.screen(c_.sim.data(), n);
  if (c_.sim.data().rows() == 1) w.second = w.first;
  return w;
}

void PointsView::annotate(ImDrawList* dl, const SceneFrame& f, Widgets& widgets) {
  draw_measurement(dl);
  if (c_.sim.data().rows() == 3 && c_.sim.classifier()) draw_corners(dl, f.dpr);
  const int panes = c_.sim.panes();  // where the first training points are drawn, for tests
  for (int p = 0; p < panes; ++p) {
    const Rect r = c_.layout.pane(p, panes);
    const render::View2D v = c_.projector.view(r.w, r.h);
    for (Eigen::Index n = 0; n < std::min<Eigen::Index>(c_.sim.data().cols(), 32); ++n) {
      const auto [wx, wy] = drawn_at(n);
      const auto [px, py] = pane_pixel(r, v, wx, wy);
      widgets.remember("point:" + std::to_string(p) + ":" + std::to_string(n), Rect{px, py, 0, 0});
    }
  }
}

// A training point counts as a thousand particles.
double PointsView::occupancy(const Rect& box) const {
  const Simulation& sim = c_.sim;
  const Eigen::MatrixXd& X = sim.data();
  const int panes = sim.panes();
  double score = 0;
  for (int p = 0; p < std::max(panes, 1); ++p) {
    const Rect r = c_.layout.pane(p, std::max(panes, 1));
    const render::View2D v = c_.projector.view(r.w, r.h);
    const auto hidden = [&](const std::pair<float, float>& w) {
      const auto [px, py] = pane_pixel(r, v, w.first, w.second);
      return box.contains(px, py);
    };
    for (Eigen::Index n = 0; n < X.cols(); ++n) score += hidden(drawn_at(n)) ? 1000.0 : 0.0;
    if (p >= panes) continue;
    const Eigen::MatrixXd& P = sim.pane(p).particles;
    const Eigen::Index stride = std::max<Eigen::Index>(1, P.cols() / 2000);  // a sample is enough
    for (Eigen::Index j = 0; j < P.cols(); j += stride) score += hidden(c_.projector.screen(P, j)) ? static_cast<double>(stride) : 0.0;
  }
  return score;
}

// 3-D: the hyperbox's vertices labelled (x_n, sums, the apex), and an axis gizmo per pane.
void PointsView::draw_corners(ImDrawList* dl, float dpr) {
  const Simulation& sim = c_.sim;
  const float em = ImGui::GetFontSize();
  const ImU32 dim = IM_COL32(150, 158, 172, 255);
  const int panes = sim.panes();
  if (corners_.empty() || corners_key_ != sim.classified_data()) {
    corners_key_ = sim.classified_data();
    corners_ = sim.classifier()->vertices();
  }
  for (int p = 0; p < panes; ++p) {
    const Rect r = c_.layout.pane(p, panes);
    const render::View2D v = c_.projector.view(r.w, r.h);
    for (const auto& c : corners_) {
      std::string name;
      for (int n : c.points) name += (name.empty() ? "x" : " + x") + std::to_string(n + 1);
      if (c.cls == EndClass::apex) name = "apex";
      const auto [sx, sy] = c_.projector.screen(c.at);
      const auto [px, py] = pane_pixel(r, v, sx, sy);
      const ImVec2 at(px + 1.0f * em, py - 1.6f * em);
      dl->AddText(at, class_color(c.cls) | IM_COL32(0, 0, 0, 255), name.c_str());
    }
    const auto& camera = c_.projector.camera();
    const ImVec2 o(r.x + r.w - 3.2f * em, r.y + r.h - 3.2f * em);
    for (int k = 0; k < 3; ++k) {
      const ImVec2 tip(o.x + 2.0f * em * static_cast<float>(camera(0, k)), o.y - 2.0f * em * static_cast<float>(camera(1, k)));
      dl->AddLine(o, tip, IM_COL32(200, 205, 215, 220), 1.5f * dpr);
      const char* axis[] = {"1", "2", "3"};
      dl->AddText(ImVec2(tip.x - 0.3f * em, tip.y - 0.5f * em), dim, axis[k]);
    }
  }
}

}  // namespace flowlab::app

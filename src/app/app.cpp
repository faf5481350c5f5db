#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/projection.hpp"
#include "colors.hpp"
#include "presets.hpp"
#include "view.hpp"

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

float coord(const Eigen::MatrixXd& m, Eigen::Index row, Eigen::Index col) {
  return row < m.rows() ? static_cast<float>(m(row, col)) : 0.0f;
}
}  // namespace

void App::update_camera() {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.cols() == 0) return;
  const Eigen::Index d = X.rows();
  if (d > 3) {  // recomputed only when the data or the projection change
    const std::string key = fragment_of(state_, {"preset", "n", "d", "angle", "length", "per", "dseed", "pts", "proj", "ax", "ay"});
    if (key == projection_key_ && projection_.cols() == d) return;
    projection_key_ = key;
    if (state_.projection == "axes") {
      projection_ = Eigen::MatrixXd::Zero(2, d);
      projection_(0, std::min<Eigen::Index>(state_.axis_x, d - 1)) = 1;
      projection_(1, std::min<Eigen::Index>(state_.axis_y, d - 1)) = 1;
      pivot_ = Eigen::VectorXd::Zero(d);
    } else {
      projection_ = principal_axes(X, 2, pivot_);
    }
    return;
  }
  if (d != 3) return;
  const double cy = std::cos(state_.yaw), sy = std::sin(state_.yaw);
  const double cp = std::cos(state_.pitch), sp = std::sin(state_.pitch);
  camera_ << cy, -sy, 0.0,               // yaw about the third axis, then pitch about the screen's x
      sy * sp, cy * sp, cp;
  pivot_ = X.rowwise().mean();
}

// Chosen coordinates are drawn as they are; a PCA or orbit view is centred on the data.
bool App::centred_projection(Eigen::Index d) const { return d == 3 || (d > 3 && state_.projection != "axes"); }

std::pair<float, float> App::screen(const Eigen::MatrixXd& m, Eigen::Index j) const {
  if (m.rows() >= 3 && pivot_.size() == m.rows()) {
    const Eigen::Vector2d p = m.rows() == 3 ? Eigen::Vector2d(camera_ * (m.col(j) - pivot_))
                                            : Eigen::Vector2d(projection_ * (m.col(j) - pivot_));
    if (!centred_projection(m.rows())) return {static_cast<float>(p.x()), static_cast<float>(p.y())};
    return {static_cast<float>(state_.center_x + p.x()), static_cast<float>(state_.center_y + p.y())};
  }
  return {coord(m, 0, j), coord(m, 1, j)};
}

std::pair<float, float> App::screen(const Eigen::VectorXd& v) const {
  const Eigen::MatrixXd m = v;
  return screen(m, 0);
}

Eigen::VectorXd App::world_point(double wx, double wy) const {
  const Eigen::Index d = sim_.data().rows();
  if (d <= 2) return d == 1 ? Eigen::VectorXd::Constant(1, wx) : Eigen::Vector2d(wx, wy).eval();
  Eigen::Vector2d w(wx, wy);
  if (centred_projection(d)) w -= Eigen::Vector2d(state_.center_x, state_.center_y);
  if (pivot_.size() != d) return Eigen::VectorXd::Zero(d);
  return d == 3 ? Eigen::VectorXd(pivot_ + camera_.transpose() * w) : Eigen::VectorXd(pivot_ + projection_.transpose() * w);
}

App::Requests App::take_requests() {
  Requests r = requests_;
  requests_ = Requests{};
  return r;
}

void App::request(const std::string& what) {
  if (what == "png") requests_.png = true;
  else if (what == "particles") requests_.particles_csv = true;
  else if (what == "data") requests_.data_csv = true;
  else if (what == "copy") requests_.copy_link = true;
  else if (what == "load") requests_.load_csv = true;
  else if (what == "model") requests_.model = true;
  else if (what == "fit") fit_pending_ = true;
  else if (what == "open-all") open_all_ = true;
  else if (what == "undo" || what == "redo") {
    if (auto l = what == "undo" ? history_.undo() : history_.redo()) state_ = last_valid_ = from_fragment(*l).state;
  } else if (what.rfind("preset", 0) == 0 && what.size() == 7 && what[6] >= '0' &&
             what[6] < static_cast<char>('0' + std::size(kPresets))) {  // as a click on preset N
    restore(from_fragment(kPresets[what[6] - '0'].link), "Preset");
    preset_ = what[6] - '0';
    history_.record(link());
  } else if (what.rfind("curve", 0) == 0 && what.size() == 6 && what[5] >= '0' && what[5] <= '4') {  // a paper's curve
    reproduction_ = Reproduction();
    reproduction_.which = what[5] - '0';
    reproduction_.show = true;
  }
}

void App::restore(const LinkRead& r, const char* source) {
  state_ = last_valid_ = r.state;
  notices_.clear();
  for (const auto& n : r.notices) notices_.push_back(std::string(source) + ": " + n);
  for (const auto& n : r.budget) notices_.push_back(std::string(source) + ": " + n);
  if (auto d = dataset_for(state_); !d) {  // fields each in range, together no data: the default data
    notices_.push_back(std::string(source) + ": " + d.message() + "; using the default data");
    const AppState def;
    state_.preset = def.preset, state_.n = def.n, state_.d = def.d, state_.angle = def.angle, state_.length = def.length;
    state_.per_ray = def.per_ray, state_.points.clear(), state_.spawn.clear();
    last_valid_ = state_;
  }
  fit_pending_ = !r.view_given;
}

bool App::init(const std::string& fragment) {
  restore(from_fragment(fragment), "Link");
  playing_ = state_.play;
  history_.reset(link());
  sim_.apply(state_);
  if (!plot_.init()) return false;
  std::string error;
  if (!trails_.init(error)) return false;
  return true;
}

void App::open_link(const std::string& fragment) {
  const LinkRead r = from_fragment(fragment);
  if (r.state == state_) return;  // our own link, written back
  restore(r, "Link");
  preset_ = -1;
  history_.record(link());
}

void App::shutdown() {
  trails_.shutdown();
  plot_.shutdown();
}

render::View2D App::view_for(double width, double height) const {
  render::View2D v;
  v.cx = state_.center_x;
  v.cy = state_.center_y;
  v.scale = view_scale(state_.zoom, width, height);
  v.width = static_cast<int>(width);
  v.height = static_cast<int>(height);
  return v;
}

int App::pane_at(double px) const {
  const int panes = std::max(1, sim_.panes());
  const Rect first = layout_.pane(0, panes);
  return std::clamp(static_cast<int>(std::floor((px - first.x) / std::max(1.0f, first.w))), 0, panes - 1);
}

void App::to_world(int pane, double px, double py, double& wx, double& wy) const {
  const Rect r = layout_.pane(pane, std::max(1, sim_.panes()));
  view_for(r.w, r.h).to_world(px - r.x, py - r.y, wx, wy);
}

Eigen::Index App::point_under(double wx, double wy, double scale) const {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.rows() != 2 || X.cols() == 0) return -1;  // editing is for 2-D data
  Eigen::Index nearest = 0;
  const double dist = (X.colwise() - Eigen::Vector2d(wx, wy)).colwise().norm().minCoeff(&nearest);
  return dist * scale < 12 * dpr_ ? nearest : -1;  // within 12 CSS pixels
}

void App::edit_as_custom() {
  const Eigen::MatrixXd& X = sim_.data();
  state_.points.assign(X.data(), X.data() + X.size());
  state_.preset = "custom";
}

// To the decimal step just finer than a pixel: 0.1, not 0.09999999999999998, in the link.
double App::snap(double world, double scale) const {
  const double per_unit = std::pow(10.0, std::ceil(std::log10(std::max(scale, 1e-9))));
  return std::round(world * per_unit) / per_unit;
}

void App::zoom_about(double wx, double wy, double factor) {
  const double before = state_.zoom;
  state_.zoom = std::clamp(state_.zoom * factor, 1e-6, 1e6);
  const double f = state_.zoom / before;
  state_.center_x = wx - (wx - state_.center_x) / f;
  state_.center_y = wy - (wy - state_.center_y) / f;
}

// The data (their noise balls at the start, and for 1-D the particles' strip
// under the axis) fill the first pane, whatever the projection.
void App::fit_view() {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.cols() == 0) return;
  update_camera();
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    auto [x, y] = screen(X, n);
    if (X.rows() == 1) y = x;
    x0 = std::min<double>(x0, x), x1 = std::max<double>(x1, x), y0 = std::min<double>(y0, y), y1 = std::max<double>(y1, y);
  }
  const double extent = std::max({x1 - x0, y1 - y0, 1e-6});
  if (X.rows() == 1) y0 -= 0.25 * extent;  // the particles' strip
  const double pad = std::min(sim_.rho_now(), 0.5 * extent) + 0.1 * extent;
  x0 -= pad, x1 += pad, y0 -= pad, y1 += pad;
  if (centred_projection(X.rows())) {  // the view turns about the data's centre: keep it in the middle
    const double hx = std::max(std::abs(x0 - state_.center_x), std::abs(x1 - state_.center_x));
    const double hy = std::max(std::abs(y0 - state_.center_y), std::abs(y1 - state_.center_y));
    x0 = state_.center_x - hx, x1 = state_.center_x + hx, y0 = state_.center_y - hy, y1 = state_.center_y + hy;
  }
  const Rect r = layout_.pane(0, std::max(1, sim_.panes()));
  const Camera c = fit_camera(x0, y0, x1, y1, r.w, r.h);
  if (!centred_projection(X.rows())) state_.center_x = c.cx, state_.center_y = c.cy;
  state_.zoom = c.zoom;
}

void App::wheel(double notches, double px, double py) {
  ImGuiIO& io = ImGui::GetIO();
  if (!std::isfinite(notches)) return;
  // ImGui scrolls the panel under the pointer; elsewhere the wheel zooms about the pointer.
  const float x = static_cast<float>(px), y = static_cast<float>(py);
  if (io.WantCaptureMouse || (layout_.docked && (layout_.controls.contains(x, y) || layout_.stats.contains(x, y))) ||
      (!layout_.docked && state_.show_ui && (layout_.bar.contains(x, y) || (sheet_ && layout_.sheet.contains(x, y))))) {
    io.MouseWheel += static_cast<float>(notches);
    return;
  }
  double wx = 0, wy = 0;
  const int pane = pane_at(px);
  to_world(pane, px, py, wx, wy);
  zoom_about(wx, wy, std::pow(kZoomStep, notches));
}

void App::gesture(const std::string& kind, double px, double py, double value, double value2) {
  const int pane = pane_at(px);
  const Rect r = layout_.pane(pane, std::max(1, sim_.panes()));
  const render::View2D view = view_for(r.w, r.h);
  double wx = 0, wy = 0;
  to_world(pane, px, py, wx, wy);
  if (kind == "zoom" && value > 0 && std::isfinite(value)) {
    zoom_about(wx, wy, value);
  } else if (kind == "pan" && std::isfinite(value) && std::isfinite(value2)) {
    state_.center_x -= value / view.scale;
    state_.center_y += value2 / view.scale;
  } else if (kind == "press") {  // long press: remove the training point under the finger
    const Eigen::Index under = point_under(wx, wy, view.scale);
    if (under >= 0 && sim_.data().cols() > 1) {
      edit_as_custom();
      state_.points.erase(state_.points.begin() + 2 * under, state_.points.begin() + 2 * under + 2);
      dragged_point_ = -1;
    }
  }
}

void App::handle_keys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureKeyboard) return;  // typing in a field
  // Dear ImGui 1.86 indexes keys by the backend's codes; GLFW's equal ASCII for space and letters.
  // A held key acts once (no auto-repeat), except S, which steps while held.
  if (io.KeyCtrl && ImGui::IsKeyPressed('Z', false)) request(io.KeyShift ? "redo" : "undo");
  else if (io.KeyCtrl && ImGui::IsKeyPressed('Y', false)) request("redo");
  else if (io.KeyCtrl) return;
  if (ImGui::IsKeyPressed(' ', false)) playing_ = !playing_;
  if (ImGui::IsKeyPressed('S')) sim_.step(1), playing_ = false;
  if (ImGui::IsKeyPressed('R', false)) sim_.reset(), trails_.clear();
  if (ImGui::IsKeyPressed('F', false)) fit_pending_ = true;
  if (ImGui::IsKeyPressed('/', false) && io.KeyShift) show_keys_ = !show_keys_;  // '?'
  if (ImGui::IsKeyPressed(256)) show_keys_ = false;  // GLFW_KEY_ESCAPE
}

void App::handle_input() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse) {
    dragging_ = false;
    dragged_point_ = -1;
    return;
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right))
    drag_pane_ = pane_at(io.MousePos.x);
  const Rect r = layout_.pane(drag_pane_, std::max(1, sim_.panes()));
  const render::View2D view = view_for(r.w, r.h);
  double wx = 0, wy = 0;
  to_world(drag_pane_, io.MousePos.x, io.MousePos.y, wx, wy);
  if (io.MouseWheel != 0.0f) zoom_about(wx, wy, std::pow(kZoomStep, static_cast<double>(io.MouseWheel)));  // native
  const Eigen::Index under = point_under(wx, wy, view.scale);
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragged_point_ = -1;
    if (io.KeyCtrl && sim_.data().rows() == 2) {  // ctrl-click adds a training point
      edit_as_custom();
      state_.points.insert(state_.points.end(), {snap(wx, view.scale), snap(wy, view.scale)});
    } else if (under < 0 && drag_line(true, wx, wy, view.scale)) {  // the inverse problem's line, drawn or moved
    } else if (under >= 0) {  // drag a training point
      edit_as_custom();
      dragged_point_ = static_cast<int>(under);
    } else {  // drag the view (or, released where it was pressed, spawn particles)
      dragging_ = true;
      drag_x_ = press_x_ = io.MousePos.x;
      drag_y_ = press_y_ = io.MousePos.y;
    }
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) && under >= 0 && sim_.data().cols() > 1) {  // remove the point
    edit_as_custom();
    state_.points.erase(state_.points.begin() + 2 * under, state_.points.begin() + 2 * under + 2);
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && dragging_ && state_.init == "click" &&
      std::hypot(io.MousePos.x - press_x_, io.MousePos.y - press_y_) < 4 * dpr_) {
    Eigen::VectorXd at = world_point(wx, wy);
    if (at.size() <= 2) at = at.unaryExpr([&](double v) { return snap(v, view.scale); });
    if (state_.spawn.size() / static_cast<std::size_t>(at.size()) < static_cast<std::size_t>(kMaxPoints))
      state_.spawn.insert(state_.spawn.end(), at.data(), at.data() + at.size());
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragged_point_ = -1, dragging_ = false;
  if (line_drag_ != 0) drag_line(false, wx, wy, view.scale);
  if (dragged_point_ >= 0 && static_cast<std::size_t>(2 * dragged_point_ + 1) < state_.points.size()) {
    state_.points[static_cast<std::size_t>(2 * dragged_point_)] = snap(wx, view.scale);
    state_.points[static_cast<std::size_t>(2 * dragged_point_ + 1)] = snap(wy, view.scale);
  }
  if (dragging_ && sim_.data().rows() == 3) {  // 3-D: dragging orbits the camera
    state_.yaw += 0.01 * (io.MousePos.x - drag_x_);
    state_.pitch = std::clamp(state_.pitch + 0.01 * (io.MousePos.y - drag_y_), -1.5, 1.5);
  } else if (dragging_) {
    state_.center_x -= (io.MousePos.x - drag_x_) / view.scale;
    state_.center_y += (io.MousePos.y - drag_y_) / view.scale;
  }
  drag_x_ = io.MousePos.x;
  drag_y_ = io.MousePos.y;
}

void App::build_particles(int pane) {
  const Pane& p = sim_.pane(pane);
  auto& verts = particle_verts_[static_cast<std::size_t>(pane)];
  verts.clear();
  verts.reserve(static_cast<std::size_t>(p.particles.cols()));
  const bool one_d = p.particles.rows() == 1;
  const bool by_class = state_.color_by == "class" && p.classes.classes.size() == static_cast<std::size_t>(p.particles.cols());
  // 1-D: particles run along a strip under the axis, spread vertically by index so that they stay visible
  float strip_top = 0, strip_height = 0;
  if (one_d && sim_.data().cols() > 0) {
    const double lo = sim_.data().minCoeff(), extent = std::max(sim_.data().maxCoeff() - lo, 1e-6);
    strip_top = static_cast<float>(lo - 0.04 * extent), strip_height = static_cast<float>(0.18 * extent);
  }
  for (Eigen::Index j = 0; j < p.particles.cols(); ++j) {
    const auto k = static_cast<std::size_t>(j);
    const auto c = by_class ? class_color(p.classes.classes[k])
                   : p.classes.vertex_start.size() > k + 1 ? vertex_color(p.classes, k) : rgba(200, 200, 210);
    auto [x, y] = screen(p.particles, j);
    if (one_d) y = strip_top - strip_height * static_cast<float>(std::fmod(0.618034 * static_cast<double>(j), 1.0));
    verts.push_back({x, y, c});
  }
}

// Particles are also drawn into the fading layer; a new view or a restarted run clears it.
void App::draw_trails(int panes, int width, int height, bool moved) {
  const std::string key = fragment_of(state_, {"cx", "cy", "zoom", "yaw", "pitch", "sbs", "proj", "ax", "ay"}) +
                          std::to_string(width) + "x" + std::to_string(height);
  if (key != trails_key_) trails_.clear(), trails_key_ = key, last_trail_s_ = now_;
  // The fade, in whole 8-bit steps of alpha: 255 of them over `fade` seconds.
  const int steps = std::clamp(static_cast<int>((now_ - last_trail_s_) * 255.0 / state_.fade), 0, 255);
  last_trail_s_ += steps * state_.fade / 255.0;
  trails_.begin(width, height, steps);
  for (int p = 0; p < panes && p < sim_.panes() && moved; ++p) {  // still particles leave no trail: it fades out
    const Rect r = layout_.pane(p, panes);
    glViewport(static_cast<int>(r.x), 0, static_cast<int>(r.w), height);
    plot_.begin(view_for(r.w, r.h));  // its blending keeps the layer's colour premultiplied
    plot_.points(particle_verts_[static_cast<std::size_t>(p)], 2.0f * dpr_);
  }
  trails_.end();
  glViewport(0, 0, width, height);
  trails_.draw();
}

// Where the particles ended: a ring at each vertex reached, its size growing with
// the share of particles there, in the class's colour (a virtual point reached shows).
void App::draw_markers(int pane, const render::View2D& view) {
  const Pane& p = sim_.pane(pane);
  Reached& r = reached_[static_cast<std::size_t>(pane)];
  if (!sim_.classifier() || sim_.data().rows() < 2) return;
  // Counted again a few times a second while the flow runs (a pass over every particle), and once at the end.
  if (r.classified != sim_.classified() && (sim_.done() || now_ - r.when > 0.5)) {
    r.classified = sim_.classified();
    r.when = now_;
    r.vertices = sim_.classifier()->reached(p.classes);
  }
  const double total = std::max<double>(1.0, static_cast<double>(p.particles.cols()));
  const float px = dpr_;
  verts_.clear();
  for (const auto& v : r.vertices) {
    if (static_cast<double>(v.count) < std::max(1.0, 0.002 * total)) continue;
    const auto [cx, cy] = screen(v.at);
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

void App::draw_pane(int pane, const Rect& rect, int height) {
  glViewport(static_cast<int>(rect.x), height - static_cast<int>(rect.y + rect.h), static_cast<int>(rect.w),
             static_cast<int>(rect.h));
  const render::View2D view = view_for(rect.w, rect.h);
  plot_.begin(view);
  const Eigen::MatrixXd& X = sim_.data();
  const bool one_d = X.rows() == 1;
  if (one_d && pane < sim_.panes()) draw_function_1d(pane, view);
  const Classifier* cl = sim_.classifier();
  // The hyperbox the min-norm denoiser maps into: whole up to 5 edges from the apex, else its
  // skeleton from the apex through the points to their pair sums.
  const auto box = X.rows() >= 3 && cl ? cl->hyperbox_edges(X.cols() <= 6 ? -1 : 2)
                                       : std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>>{};
  if (X.rows() == 2 && pane < sim_.panes()) draw_field(pane, view, false);
  if (state_.show_balls && X.cols() > 0 && !one_d) {  // the noise balls B(x_n, rho)
    verts_.clear();
    const double rho = sim_.alpha() * field_sigma();
    for (Eigen::Index n = 0; n < X.cols(); ++n)
      for (int k = 0; k < 48; ++k)
        for (int e : {k, k + 1}) {
          const double t = 2 * M_PI * e / 48;
          const auto [bx, by] = screen(X, n);  // a ball projects to a disc of the same radius
          verts_.push_back({bx + static_cast<float>(rho * std::cos(t)), by + static_cast<float>(rho * std::sin(t)),
                            rgba(255, 200, 120, 110)});
        }
    plot_.lines(verts_);
  }
  const float px = dpr_;  // the device pixel ratio (set by the platform)
  // The training points under the particles, so that particles ending on them stay visible.
  verts_.clear();
  for (Eigen::Index n = 0; n < X.cols(); ++n)
    verts_.push_back({screen(X, n).first, one_d ? coord(X, 0, n) : screen(X, n).second, rgba(255, 255, 255, 200)});
  plot_.points(verts_, 11.0f * px);
  if (pane < sim_.panes()) plot_.points(particle_verts_[static_cast<std::size_t>(pane)], 3.0f * px);
  if (!box.empty()) {  // over the particles: in 3-D they would hide it
    verts_.clear();
    for (const auto& [a, b] : box)
      for (const auto* end : {&a, &b}) verts_.push_back({screen(*end).first, screen(*end).second, rgba(190, 200, 235, 200)});
    plot_.lines(verts_);
  }
  if (pane < sim_.panes()) draw_markers(pane, view);
}

void App::check_edits() {
  // Keep edits inside the ranges a link accepts (the same validation as a shared link):
  // an out-of-range edit, or one that makes no data, is undone, and a notice says why.
  const LinkRead checked = from_fragment(to_fragment(state_), "the previous value is kept");
  std::vector<std::string> why = checked.notices;
  static const std::initializer_list<const char*> data_keys = {"preset", "n", "d", "angle", "length", "per", "dseed", "pts"};
  if (why.empty() && fragment_of(checked.state, data_keys) != fragment_of(last_valid_, data_keys))
    if (auto d = dataset_for(checked.state); !d) why.push_back(d.message() + "; the previous data are kept");
  if (why.empty()) {
    state_ = checked.state;  // lowered where it was over the budget, and said so
    for (const auto& w : checked.budget)  // once, however many frames a slider is dragged over the budget
      if (std::find(notices_.begin(), notices_.end(), "Edit adjusted: " + w) == notices_.end())
        notices_.push_back("Edit adjusted: " + w);
  } else {
    state_ = last_valid_;
    for (const auto& w : why) notices_.push_back("Edit not applied: " + w);
  }
  last_valid_ = state_;
}

void App::frame(int width, int height) {
  now_ = ImGui::GetTime();
  layout_ = layout_for(static_cast<float>(width), static_cast<float>(height), ImGui::GetFontSize(), state_.show_ui, dpr_);
  const int panes = std::max(1, sim_.panes());
  rects_.clear();
  clipped_.clear();
  handle_keys();
  handle_input();
  sim_.train(8.0);  // a slice of training per frame: the page never freezes
  step_reproduction();
  bool moved = false;
  if (playing_ && !sim_.done()) {
    step_debt_ += state_.speed;
    const int steps = static_cast<int>(step_debt_);
    step_debt_ -= steps;
    // At most ~30 ms of steps a frame (the page's budget): speed only sets how fast the flow is shown.
    if (steps > 0) sim_.step(steps, 30.0), moved = true;
  }
  field_.resize(static_cast<std::size_t>(panes));
  particle_verts_.resize(static_cast<std::size_t>(panes));
  reached_.resize(static_cast<std::size_t>(panes));
  update_camera();
  for (int p = 0; p < sim_.panes(); ++p) build_particles(p);
  glViewport(0, 0, width, height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (state_.show_heat && sim_.data().rows() == 2)
    for (int p = 0; p < sim_.panes(); ++p) {
      const Rect r = layout_.pane(p, panes);
      const render::View2D view = view_for(r.w, r.h);
      glViewport(static_cast<int>(r.x), 0, static_cast<int>(r.w), height);
      plot_.begin(view);
      draw_field(p, view, true);
    }
  if (state_.show_trails && sim_.data().rows() >= 2) draw_trails(panes, width, height, moved);
  for (int p = 0; p < panes; ++p) draw_pane(p, layout_.pane(p, panes), height);
  glViewport(0, 0, width, height);
  draw_overlay();
  if (state_.show_ui) draw_ui();
  if (show_keys_) draw_keys();
  open_all_ = false;
  check_edits();
  history_.observe(link(), now_);
  if (sim_.apply(state_)) {
    playing_ = true;
    trails_.clear();
  }
  // After apply: the fit sees the new data, panes and noise level; the next frame draws it.
  if (fit_pending_ && sim_.data().cols() > 0) fit_view(), fit_pending_ = false;
}

}  // namespace flowlab::app

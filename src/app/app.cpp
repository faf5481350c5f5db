#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/csv.hpp"
#include "core/dataset.hpp"
#include "core/projection.hpp"

namespace flowlab::app {
namespace {
using render::rgba;
using render::Vertex;

std::uint32_t class_color(EndClass c) {
  switch (c) {
    case EndClass::training: return rgba(255, 159, 28);
    case EndClass::virtual_point: return rgba(231, 76, 160);
    case EndClass::apex: return rgba(160, 160, 170);
    case EndClass::manifold: return rgba(46, 204, 150);
    case EndClass::novel: return rgba(90, 170, 255);
    default: return rgba(200, 200, 210, 160);
  }
}

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
  else if (what.rfind("curve", 0) == 0 && what.size() == 6 && what[5] >= '0' && what[5] <= '4') {  // a paper's curve
    reproduction_ = Reproduction();
    reproduction_.which = what[5] - '0';
    reproduction_.show = true;
  }
}

std::string App::particles_csv() const {
  std::ostringstream out;
  if (sim_.panes() > 0) write_points_csv(out, sim_.pane(0).particles);
  return out.str();
}

std::string App::model_json() const {
  const auto& m = sim_.training().model;
  return m && !m->nets.empty() ? to_json(*m) : std::string();
}

std::string App::data_csv() const {
  std::ostringstream out;
  write_points_csv(out, sim_.data());
  return out.str();
}

void App::load_points_csv(const std::string& text, const std::string& name) {
  auto m = parse_points_csv(text, name);
  if (m) {
    if (auto v = validate_points(m.value()); !v) m = Error{name + ": " + v.message()};
  }
  if (m && (m.value().rows() > kMaxDim || m.value().cols() > kMaxPoints))
    m = Error{name + ": at most " + std::to_string(kMaxPoints) + " points of dimension up to " + std::to_string(kMaxDim)};
  if (!m) {
    notices_.push_back("Load dataset: " + m.message());
    return;
  }
  state_.d = static_cast<int>(m.value().rows());
  state_.points.assign(m.value().data(), m.value().data() + m.value().size());
  state_.preset = "custom";
}

bool App::init(const std::string& fragment) {
  LinkRead r = from_fragment(fragment);
  state_ = last_valid_ = r.state;
  notices_ = r.notices;
  sim_.apply(state_);
  if (!plot_.init()) return false;
  std::string error;
  if (!trails_.init(error)) return false;
  return true;
}

void App::shutdown() {
  trails_.shutdown();
  plot_.shutdown();
}

render::View2D App::view_for(int width, int height) const {
  render::View2D v;
  v.cx = state_.center_x;
  v.cy = state_.center_y;
  v.scale = 300.0 * state_.zoom * std::min(width, height) / 800.0;
  v.width = width;
  v.height = height;
  return v;
}

Eigen::Index App::point_under(double wx, double wy, double scale) const {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.rows() != 2 || X.cols() == 0) return -1;  // editing is for 2-D data
  Eigen::Index nearest = 0;
  const double dist = (X.colwise() - Eigen::Vector2d(wx, wy)).colwise().norm().minCoeff(&nearest);
  return dist * scale < 12 * ImGui::GetIO().FontGlobalScale ? nearest : -1;  // within 12 CSS pixels
}

void App::edit_as_custom() {
  const Eigen::MatrixXd& X = sim_.data();
  state_.points.assign(X.data(), X.data() + X.size());
  state_.preset = "custom";
}

void App::zoom_about(double wx, double wy, double factor) {
  const double before = state_.zoom;
  state_.zoom = std::clamp(state_.zoom * factor, 1e-3, 1e4);
  const double f = state_.zoom / before;
  state_.center_x = wx - (wx - state_.center_x) / f;
  state_.center_y = wy - (wy - state_.center_y) / f;
}

void App::gesture(const std::string& kind, double px, double py, double value, double value2) {
  const render::View2D view = view_for(pane_width_, pane_height_);
  double wx = 0, wy = 0;
  view.to_world(std::fmod(px, static_cast<double>(pane_width_)), py, wx, wy);
  if (kind == "zoom" && value > 0 && std::isfinite(value)) {
    zoom_about(wx, wy, value);
  } else if (kind == "pan") {
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

void App::handle_input(int height) {
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantCaptureKeyboard) {
    // Dear ImGui 1.86 indexes keys by the backend's codes; GLFW's equal ASCII for space and letters.
    if (ImGui::IsKeyPressed(' ')) playing_ = !playing_;
    if (ImGui::IsKeyPressed('S')) sim_.step(1), playing_ = false;
    if (ImGui::IsKeyPressed('R')) sim_.reset(), trails_.clear();
  }
  if (io.WantCaptureMouse) {
    dragging_ = false;
    dragged_point_ = -1;
    return;
  }
  const render::View2D view = view_for(pane_width_, height);
  const double mx = std::fmod(static_cast<double>(io.MousePos.x), static_cast<double>(pane_width_));
  double wx = 0, wy = 0;
  view.to_world(mx, io.MousePos.y, wx, wy);
  if (io.MouseWheel != 0.0f) zoom_about(wx, wy, std::pow(1.15, static_cast<double>(io.MouseWheel)));
  const Eigen::Index under = point_under(wx, wy, view.scale);
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragged_point_ = -1;
    if (io.KeyCtrl && sim_.data().rows() == 2) {  // ctrl-click adds a training point
      edit_as_custom();
      state_.points.insert(state_.points.end(), {wx, wy});
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
      std::hypot(io.MousePos.x - press_x_, io.MousePos.y - press_y_) < 4 * io.FontGlobalScale) {
    const Eigen::VectorXd at = world_point(wx, wy);
    if (state_.spawn.size() / static_cast<std::size_t>(at.size()) < static_cast<std::size_t>(kMaxPoints))
      state_.spawn.insert(state_.spawn.end(), at.data(), at.data() + at.size());
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragged_point_ = -1, dragging_ = false;
  if (dragged_point_ >= 0 && static_cast<std::size_t>(2 * dragged_point_ + 1) < state_.points.size()) {
    state_.points[static_cast<std::size_t>(2 * dragged_point_)] = wx;
    state_.points[static_cast<std::size_t>(2 * dragged_point_ + 1)] = wy;
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
  for (Eigen::Index j = 0; j < p.particles.cols(); ++j) {
    const auto k = static_cast<std::size_t>(j);
    const auto c = by_class ? class_color(p.classes.classes[k])
                   : p.classes.vertex_start.size() > k + 1 ? vertex_color(p.classes, k) : rgba(200, 200, 210);
    // 1-D: particles run along the axis, spread vertically by index so that they stay visible
    auto [x, y] = screen(p.particles, j);
    if (one_d) y = -0.15f - 0.35f * static_cast<float>(std::fmod(0.618034 * static_cast<double>(j), 1.0));
    verts.push_back({x, y, c});
  }
}

// Particles are also drawn into the fading layer; a new view or a restarted run clears it.
void App::draw_trails(int panes, int width, int height) {
  const std::string key = fragment_of(state_, {"cx", "cy", "zoom", "yaw", "pitch", "sbs"}) + std::to_string(width) + "x" +
                          std::to_string(height);
  if (key != trails_key_) trails_.clear(), trails_key_ = key;
  trails_.begin(width, height, 0.06f);
  for (int p = 0; p < panes && p < sim_.panes(); ++p) {
    glViewport(p * pane_width_, 0, pane_width_, height);
    plot_.begin(view_for(pane_width_, height));
    plot_.points(particle_verts_[static_cast<std::size_t>(p)], 2.0f * ImGui::GetIO().FontGlobalScale);
  }
  trails_.end();
  glViewport(0, 0, width, height);
  trails_.draw();
}

void App::draw_pane(int pane, int x, int width, int height) {
  glViewport(x, 0, width, height);
  const render::View2D view = view_for(width, height);
  plot_.begin(view);
  const Eigen::MatrixXd& X = sim_.data();
  const bool one_d = X.rows() == 1;
  if (one_d && pane < sim_.panes()) draw_function_1d(pane, view);
  const auto box = X.rows() >= 3 && sim_.classifier() ? sim_.classifier()->hyperbox_edges()
                                                      : std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>>{};
  if (!box.empty() && box.size() <= 96) {  // the hyperbox the min-norm denoiser maps into (R <= 5: readable)
    verts_.clear();
    for (const auto& [a, b] : box) {
      Eigen::MatrixXd ends(X.rows(), 2);
      ends << a, b;
      for (Eigen::Index k : {0, 1}) verts_.push_back({screen(ends, k).first, screen(ends, k).second, rgba(150, 160, 190, 160)});
    }
    plot_.lines(verts_);
  }
  if (X.rows() == 2 && pane < sim_.panes()) draw_field(pane, view, false);
  if (state_.show_balls && X.cols() > 0 && !one_d) {  // the noise balls B(x_n, rho)
    verts_.clear();
    const double rho = sim_.rho_now();
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
  const float px = ImGui::GetIO().FontGlobalScale;  // the device pixel ratio (set by the platform)
  if (pane < sim_.panes()) plot_.points(particle_verts_[static_cast<std::size_t>(pane)], 3.0f * px);
  verts_.clear();
  for (Eigen::Index n = 0; n < X.cols(); ++n)
    verts_.push_back({screen(X, n).first, one_d ? coord(X, 0, n) : screen(X, n).second, rgba(255, 255, 255)});
  plot_.points(verts_, 11.0f * px);
}

void App::frame(int width, int height) {
  const int panes = std::max(1, sim_.panes());
  pane_width_ = width / panes;
  pane_height_ = height;
  handle_input(height);
  sim_.train(8.0);  // a slice of training per frame: the page never freezes
  step_reproduction();
  if (playing_ && !sim_.done()) {
    step_debt_ += state_.speed;
    const int steps = static_cast<int>(step_debt_);
    step_debt_ -= steps;
    if (steps > 0) sim_.step(steps);
  }
  field_.resize(static_cast<std::size_t>(panes));
  particle_verts_.resize(static_cast<std::size_t>(panes));
  update_camera();
  for (int p = 0; p < sim_.panes(); ++p) build_particles(p);
  glViewport(0, 0, width, height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (state_.show_heat && sim_.data().rows() == 2)
    for (int p = 0; p < sim_.panes(); ++p) {
      const render::View2D view = view_for(pane_width_, height);
      glViewport(p * pane_width_, 0, pane_width_, height);
      plot_.begin(view);
      draw_field(p, view, true);
    }
  if (state_.show_trails && sim_.data().rows() >= 2) draw_trails(panes, width, height);
  for (int p = 0; p < panes; ++p) draw_pane(p, p * pane_width_, pane_width_, height);
  glViewport(0, 0, width, height);
  draw_ui();
  if (sim_.apply(state_)) {
    playing_ = true;
    trails_.clear();
  }
}

}  // namespace flowlab::app

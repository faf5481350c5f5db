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
std::uint32_t vertex_color(const std::vector<int>& v) {
  if (v.empty()) return rgba(200, 200, 210, 140);
  unsigned h = 2166136261u;
  for (int i : v) h = (h ^ static_cast<unsigned>(i + 1)) * 16777619u;
  return rgba(80 + static_cast<int>(h & 127), 80 + static_cast<int>((h >> 8) & 127), 80 + static_cast<int>((h >> 16) & 127));
}

float coord(const Eigen::MatrixXd& m, Eigen::Index row, Eigen::Index col) {
  return row < m.rows() ? static_cast<float>(m(row, col)) : 0.0f;
}
}  // namespace

void App::update_camera() {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.cols() == 0) return;
  if (X.rows() > 3 && (projection_.cols() != X.rows() || pivot_.size() != X.rows() ||
                       (X.rowwise().mean() - pivot_).norm() > 0)) {
    projection_ = principal_axes(X, 2, pivot_);  // recomputed only when the data change
    return;
  }
  if (X.rows() != 3) return;
  const double cy = std::cos(state_.yaw), sy = std::sin(state_.yaw);
  const double cp = std::cos(state_.pitch), sp = std::sin(state_.pitch);
  camera_ << cy, -sy, 0.0,               // yaw about the third axis, then pitch about the screen's x
      sy * sp, cy * sp, cp;
  pivot_ = X.rowwise().mean();
}

std::pair<float, float> App::screen(const Eigen::MatrixXd& m, Eigen::Index j) const {
  if (m.rows() >= 3 && pivot_.size() == m.rows()) {
    const Eigen::Vector2d p = m.rows() == 3 ? Eigen::Vector2d(camera_ * (m.col(j) - pivot_))
                                            : Eigen::Vector2d(projection_ * (m.col(j) - pivot_));
    return {static_cast<float>(state_.center_x + p.x()), static_cast<float>(state_.center_y + p.y())};
  }
  return {coord(m, 0, j), coord(m, 1, j)};
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
}

std::string App::particles_csv() const {
  std::ostringstream out;
  if (sim_.panes() > 0) write_points_csv(out, sim_.pane(0).particles);
  return out.str();
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
  if (io.MouseWheel != 0.0f) {  // zoom about the cursor
    const double f = std::pow(1.15, static_cast<double>(io.MouseWheel));
    state_.zoom = std::clamp(state_.zoom * f, 1e-3, 1e4);
    state_.center_x = wx - (wx - state_.center_x) / f;
    state_.center_y = wy - (wy - state_.center_y) / f;
  }
  // The training point under the cursor (within 12 pixels), or -1; only for 2-D data.
  const Eigen::MatrixXd& X = sim_.data();
  Eigen::Index under = -1;
  if (X.rows() == 2 && X.cols() > 0) {
    Eigen::Index nearest = 0;
    const double dist = (X.colwise() - Eigen::Vector2d(wx, wy)).colwise().norm().minCoeff(&nearest);
    if (dist * view.scale < 12) under = nearest;
  }
  const auto as_custom = [&] {  // editing turns the data into the user's own points
    state_.points.assign(X.data(), X.data() + X.size());
    state_.preset = "custom";
  };
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragged_point_ = -1;
    if (io.KeyCtrl && X.rows() == 2) {  // ctrl-click adds a training point
      as_custom();
      state_.points.insert(state_.points.end(), {wx, wy});
    } else if (under >= 0) {  // drag a training point
      as_custom();
      dragged_point_ = static_cast<int>(under);
    } else {  // drag the view
      dragging_ = true;
      drag_x_ = io.MousePos.x;
      drag_y_ = io.MousePos.y;
    }
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right) && under >= 0 && X.cols() > 1) {  // remove the point
    as_custom();
    state_.points.erase(state_.points.begin() + 2 * under, state_.points.begin() + 2 * under + 2);
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragged_point_ = -1, dragging_ = false;
  if (dragged_point_ >= 0 && static_cast<std::size_t>(2 * dragged_point_ + 1) < state_.points.size()) {
    state_.points[static_cast<std::size_t>(2 * dragged_point_)] = wx;
    state_.points[static_cast<std::size_t>(2 * dragged_point_ + 1)] = wy;
  }
  if (dragging_ && X.rows() == 3) {  // 3-D: dragging orbits the camera
    state_.yaw += 0.01 * (io.MousePos.x - drag_x_);
    state_.pitch = std::clamp(state_.pitch + 0.01 * (io.MousePos.y - drag_y_), -1.5, 1.5);
    drag_x_ = io.MousePos.x;
    drag_y_ = io.MousePos.y;
  } else if (dragging_) {
    state_.center_x -= (io.MousePos.x - drag_x_) / view.scale;
    state_.center_y += (io.MousePos.y - drag_y_) / view.scale;
    drag_x_ = io.MousePos.x;
    drag_y_ = io.MousePos.y;
  }
}

// What a cached field or curve depends on: the view, the noise level and the state.
std::string App::field_key(const render::View2D& v) const {
  return std::to_string(v.cx) + "," + std::to_string(v.cy) + "," + std::to_string(v.scale) + "," +
         std::to_string(v.width) + "," + std::to_string(v.height) + "," + std::to_string(sim_.sigma_now()) + link();
}

void App::rebuild_field(int pane, const render::View2D& v) {
  const std::string key = field_key(v);
  auto& cache = field_[static_cast<std::size_t>(pane)];
  if (field_key_[static_cast<std::size_t>(pane)] == key) return;
  field_key_[static_cast<std::size_t>(pane)] = key;
  cache.clear();
  if (sim_.data().rows() != 2) return;
  const int nx = 28, ny = std::max(2, nx * v.height / std::max(1, v.width));
  Eigen::MatrixXd Y(2, nx * ny), F(2, nx * ny);
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j) v.to_world((i + 0.5) * v.width / nx, (j + 0.5) * v.height / ny, Y(0, i * ny + j), Y(1, i * ny + j));
  sim_.drift(pane, Y, F);
  const double cell = static_cast<double>(v.width) / nx / v.scale;
  const double top = std::max(F.colwise().norm().maxCoeff(), 1e-12);
  for (Eigen::Index k = 0; k < Y.cols(); ++k) {
    const Eigen::Vector2d a = Y.col(k), dir = F.col(k) / top * 0.9 * cell;
    const Eigen::Vector2d b = a + dir, side(-dir.y() * 0.25, dir.x() * 0.25);
    const auto c = rgba(120, 140, 170, 150);
    const auto vx = [&](const Eigen::Vector2d& p) { return Vertex{static_cast<float>(p.x()), static_cast<float>(p.y()), c}; };
    cache.insert(cache.end(), {vx(a), vx(b), vx(b), vx(b - 0.3 * dir + side), vx(b), vx(b - 0.3 * dir - side)});
  }
}

// 1-D data: the denoiser as a function h(y) against y (field cache reused),
// with the identity line; training points sit on it, particles run below the axis.
void App::draw_function_1d(int pane, const render::View2D& v) {
  const std::string key = field_key(v);
  auto& cache = field_[static_cast<std::size_t>(pane)];
  if (field_key_[static_cast<std::size_t>(pane)] != key) {
    field_key_[static_cast<std::size_t>(pane)] = key;
    cache.clear();
    const int samples = 600;
    Eigen::MatrixXd Y(1, samples), F(1, samples);
    double y0 = 0, y1 = 0, dummy = 0;
    v.to_world(0, 0, y0, dummy);
    v.to_world(v.width, 0, y1, dummy);
    for (int i = 0; i < samples; ++i) Y(0, i) = y0 + (y1 - y0) * i / (samples - 1);
    sim_.drift(pane, Y, F);
    const auto c = rgba(120, 190, 255), id = rgba(110, 110, 120, 140);
    cache.insert(cache.end(), {{static_cast<float>(y0), static_cast<float>(y0), id}, {static_cast<float>(y1), static_cast<float>(y1), id}});
    for (int i = 0; i + 1 < samples; ++i)
      for (int k : {i, i + 1})
        cache.push_back({static_cast<float>(Y(0, k)), static_cast<float>(Y(0, k) + F(0, k)), c});
  }
  plot_.lines(cache);
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
                   : p.classes.vertex.size() > k ? vertex_color(p.classes.vertex[k]) : rgba(200, 200, 210);
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
  if (state_.show_field && X.rows() == 2 && pane < sim_.panes()) {
    rebuild_field(pane, view);
    plot_.lines(field_[static_cast<std::size_t>(pane)]);
  }
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
  if (playing_ && !sim_.done()) {
    step_debt_ += state_.speed;
    const int steps = static_cast<int>(step_debt_);
    step_debt_ -= steps;
    if (steps > 0) sim_.step(steps);
  }
  field_.resize(static_cast<std::size_t>(panes));
  field_key_.resize(static_cast<std::size_t>(panes));
  particle_verts_.resize(static_cast<std::size_t>(panes));
  update_camera();
  for (int p = 0; p < sim_.panes(); ++p) build_particles(p);
  glViewport(0, 0, width, height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
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

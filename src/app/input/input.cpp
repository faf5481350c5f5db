#include "input.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/view.hpp"

namespace flowlab::app {
namespace {
constexpr double kPi = 3.14159265358979323846;
}

Eigen::Index Input::point_under(double wx, double wy, double scale) const {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.rows() != 2 || X.cols() == 0) return -1;  // editing is for 2-D data
  Eigen::Index nearest = 0;
  const double dist = (X.colwise() - Eigen::Vector2d(wx, wy)).colwise().norm().minCoeff(&nearest);
  return dist * scale < 12 * dpr_ ? nearest : -1;  // within 12 CSS pixels
}

void Input::edit_as_custom() {
  const Eigen::MatrixXd& X = sim_.data();
  state_.points.assign(X.data(), X.data() + X.size());
  state_.preset = "custom";
}

// To the decimal step just finer than a pixel: 0.1, not 0.09999999999999998, in the link.
double Input::snap(double world, double scale) const {
  const double per_unit = std::pow(10.0, std::ceil(std::log10(std::max(scale, 1e-9))));
  return std::round(world * per_unit) / per_unit;
}

void Input::zoom_about(double wx, double wy, double factor) {
  const double before = state_.zoom;
  state_.zoom = std::clamp(state_.zoom * factor, 1e-6, 1e6);
  const double f = state_.zoom / before;
  state_.center_x = wx - (wx - state_.center_x) / f;
  state_.center_y = wy - (wy - state_.center_y) / f;
}

// The data (their noise balls at the start, and for 1-D the particles' strip
// under the axis) fill the first pane, whatever the projection.
void Input::fit_view() {
  const Eigen::MatrixXd& X = sim_.data();
  if (X.cols() == 0) return;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (Eigen::Index n = 0; n < X.cols(); ++n) {
    auto [x, y] = projector_.screen(X, n);
    if (X.rows() == 1) y = x;
    x0 = std::min<double>(x0, x), x1 = std::max<double>(x1, x), y0 = std::min<double>(y0, y), y1 = std::max<double>(y1, y);
  }
  const double extent = std::max({x1 - x0, y1 - y0, 1e-6});
  if (X.rows() == 1) y0 -= 0.25 * extent;  // the particles' strip
  const double pad = std::min(sim_.rho_now(), 0.5 * extent) + 0.1 * extent;
  x0 -= pad, x1 += pad, y0 -= pad, y1 += pad;
  if (projector_.centred(X.rows())) {  // the view turns about the data's centre: keep it in the middle
    const double hx = std::max(std::abs(x0 - state_.center_x), std::abs(x1 - state_.center_x));
    const double hy = std::max(std::abs(y0 - state_.center_y), std::abs(y1 - state_.center_y));
    x0 = state_.center_x - hx, x1 = state_.center_x + hx, y0 = state_.center_y - hy, y1 = state_.center_y + hy;
  }
  const Rect r = layout_.pane(0, std::max(1, sim_.panes()));
  // Embedded: the caption (two lines) and the panes' labels at the top; at the bottom the page's
  // link and the legend above it, two rows while particles are still between classes.
  const float em = ImGui::GetFontSize();
  const Camera c = state_.show_ui ? fit_camera(x0, y0, x1, y1, r.w, r.h) : fit_camera(x0, y0, x1, y1, r.w, r.h, 0.04, 4.4 * em, 5.8 * em);
  if (!projector_.centred(X.rows())) state_.center_x = c.cx, state_.center_y = c.cy;
  state_.zoom = c.zoom;
}

void Input::wheel(double notches, double px, double py, bool sheet_open) {
  ImGuiIO& io = ImGui::GetIO();
  if (!std::isfinite(notches)) return;
  // ImGui scrolls the panel under the pointer; elsewhere the wheel zooms about the pointer.
  const float x = static_cast<float>(px), y = static_cast<float>(py);
  // (folded into a tab, the controls' column is scene: ImGui captures the pointer when they are open)
  if (io.WantCaptureMouse || (layout_.docked && ((layout_.tab.w == 0 && layout_.controls.contains(x, y)) || layout_.stats.contains(x, y))) ||
      (!layout_.docked && state_.show_ui && (layout_.bar.contains(x, y) || (sheet_open && layout_.sheet.contains(x, y))))) {
    io.MouseWheel += static_cast<float>(notches);
    return;
  }
  double wx = 0, wy = 0;
  const int pane = projector_.pane_at(px);
  projector_.to_world(pane, px, py, wx, wy);
  zoom_about(wx, wy, std::pow(kZoomStep, notches));
}

void Input::gesture(const std::string& kind, double px, double py, double value, double value2) {
  const int pane = projector_.pane_at(px);
  const Rect r = layout_.pane(pane, std::max(1, sim_.panes()));
  const render::View2D view = projector_.view(r.w, r.h);
  double wx = 0, wy = 0;
  projector_.to_world(pane, px, py, wx, wy);
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

Commands Input::keys() const {
  Commands c;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureKeyboard) return c;  // typing in a field
  // Dear ImGui 1.86 indexes keys by the backend's codes; GLFW's equal ASCII for space and letters.
  // A held key acts once (no auto-repeat), except S, which steps while held.
  if (io.KeyCtrl && ImGui::IsKeyPressed('Z', false)) (io.KeyShift ? c.redo : c.undo) = true;
  else if (io.KeyCtrl && ImGui::IsKeyPressed('Y', false)) c.redo = true;
  else if (io.KeyCtrl) return c;
  if (ImGui::IsKeyPressed(' ', false)) c.toggle_play = true;
  if (ImGui::IsKeyPressed('S')) c.step = c.pause = true;
  if (ImGui::IsKeyPressed('R', false)) c.reset = true;
  if (ImGui::IsKeyPressed('F', false)) c.fit = true;
  if (ImGui::IsKeyPressed('/', false) && io.KeyShift) c.toggle_keys = true;  // '?'
  if (ImGui::IsKeyPressed(256)) c.close_keys = true;  // GLFW_KEY_ESCAPE
  return c;
}

void Input::mouse() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureMouse) {
    dragging_ = false;
    dragged_point_ = -1;
    return;
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right))
    drag_pane_ = projector_.pane_at(io.MousePos.x);
  const Rect r = layout_.pane(drag_pane_, std::max(1, sim_.panes()));
  const render::View2D view = projector_.view(r.w, r.h);
  double wx = 0, wy = 0;
  projector_.to_world(drag_pane_, io.MousePos.x, io.MousePos.y, wx, wy);
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
    Eigen::VectorXd at = projector_.world_point(wx, wy);
    if (at.size() <= 2) at = at.unaryExpr([&](double v) { return snap(v, view.scale); });
    if (state_.spawn.size() / static_cast<std::size_t>(at.size()) < static_cast<std::size_t>(max_points_in(static_cast<int>(at.size()))))
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

bool Input::drag_line(bool pressed, double wx, double wy, double scale) {
  if (!state_.inverse || sim_.data().rows() != 2) return line_drag_ = 0, false;
  const ImGuiIO& io = ImGui::GetIO();
  const double t = state_.meas_angle * kPi / 180.0;
  const double ax = std::cos(t), ay = std::sin(t);
  if (pressed) {
    line_drag_ = 0;
    if (io.KeyShift) line_drag_ = 2, line_x0_ = wx, line_y0_ = wy;
    else if (std::abs(ax * wx + ay * wy - state_.meas_y) * scale < 0.6 * ImGui::GetFontSize()) line_drag_ = 1;
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) line_drag_ = 0;
  const auto round = [](double v, double step) { return std::round(v / step) * step; };
  if (line_drag_ == 1) {  // moved across itself: y = a . mouse
    state_.meas_y = round(ax * wx + ay * wy, 1e-3);
  } else if (line_drag_ == 2 && std::hypot(wx - line_x0_, wy - line_y0_) * scale > 4) {  // drawn through both points
    const double along = std::atan2(wy - line_y0_, wx - line_x0_);
    double angle = (along + kPi / 2) * 180.0 / kPi;  // a is the line's normal
    while (angle > 90) angle -= 180;
    while (angle <= -90) angle += 180;
    state_.meas_angle = round(angle, 0.1);
    const double n = state_.meas_angle * kPi / 180.0;
    state_.meas_y = round(std::cos(n) * line_x0_ + std::sin(n) * line_y0_, 1e-3);
  }
  return line_drag_ != 0;
}

}  // namespace flowlab::app

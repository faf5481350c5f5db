// The inverse-problem mode in the view: the measurement's line {x : a.x = y} with its band of
// +-s, discs on the training points sized by the exact posterior's weight, and rings sized by the
// share of each pane's particles that ended there (the samplers' histogram, in place). Equal
// areas mean the sampler draws the exact posterior. The line is drawn and dragged with the mouse.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"

namespace flowlab::app {
namespace {
constexpr double kPi = 3.14159265358979323846;
}

void App::draw_measurement() {
  if (!sim_.inverse() || sim_.data().rows() != 2) return;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float em = ImGui::GetFontSize();
  const Eigen::VectorXd a = sim_.measurement().A.row(0).transpose();
  const Eigen::Vector2d u(-a(1), a(0));  // along the line
  const double y = sim_.measurement().y(0, 0), s = sim_.measurement().noise;
  const Eigen::VectorXd& w = sim_.posterior();
  const int panes = sim_.panes();
  for (int p = 0; p < panes; ++p) {
    const Rect r = layout_.pane(p, panes);
    const render::View2D v = view_for(r.w, r.h);
    const auto at = [&](const Eigen::Vector2d& x) {
      return ImVec2(r.x + static_cast<float>(0.5 * r.w + (x(0) - v.cx) * v.scale),
                    r.y + static_cast<float>(0.5 * r.h - (x(1) - v.cy) * v.scale));
    };
    dl->PushClipRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), true);
    // The line through the point of it nearest the view's centre, long enough to cross the pane.
    const Eigen::Vector2d centre(v.cx, v.cy);
    const Eigen::Vector2d foot = centre + (y - a.dot(centre)) * a;
    const double reach = (r.w + r.h) / v.scale;
    for (double off : {-s, s})
      dl->AddLine(at(foot + off * a - reach * u), at(foot + off * a + reach * u), IM_COL32(255, 214, 102, 90), 1.0f);
    dl->AddLine(at(foot - reach * u), at(foot + reach * u), IM_COL32(255, 214, 102, 230), 2.0f);
    // Discs: the exact weights; rings: this pane's share at each point (area for probability).
    std::vector<double> share(static_cast<std::size_t>(w.size()), 0.0);
    const auto reached = sim_.pane(p).classes.points_reached();
    for (int n : reached)
      if (n >= 0 && n < w.size()) share[static_cast<std::size_t>(n)] += 1.0 / static_cast<double>(reached.size());
    const float big = 2.4f * em;
    for (Eigen::Index n = 0; n < w.size(); ++n) {
      const ImVec2 c = at(sim_.data().col(n));
      const float disc = big * static_cast<float>(std::sqrt(w(n))), ring = big * static_cast<float>(std::sqrt(share[static_cast<std::size_t>(n)]));
      dl->AddCircleFilled(c, disc, IM_COL32(255, 214, 102, 70), 32);
      dl->AddCircle(c, std::max(ring, 1.5f), IM_COL32(255, 214, 102, 240), 32, 2.0f);
      char label[48];  // centred under the point: side by side on a phone, points sit close
      std::snprintf(label, sizeof label, "%.0f%% / %.0f%%", 100 * w(n), 100 * share[static_cast<std::size_t>(n)]);
      const float tw = ImGui::CalcTextSize(label).x;
      dl->AddText(ImVec2(c.x - 0.5f * tw, c.y + std::max({ring, disc, 0.6f * em}) + 0.15f * em), IM_COL32(255, 226, 150, 255),
                  label);
    }
    dl->PopClipRect();
  }
}

bool App::drag_line(bool pressed, double wx, double wy, double scale) {
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

// The inverse-problem mode in the view: the measurement's line {x : a.x = y} with its band of
// +-s, discs on the training points sized by the exact posterior's weight, and rings sized by the
// share of each pane's particles that ended there (the samplers' histogram, in place). Equal
// areas mean the sampler draws the exact posterior. Input draws and drags the line.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "points_view.hpp"

namespace flowlab::app {

void PointsView::draw_measurement(ImDrawList* dl) const {
  const Simulation& sim = c_.sim;
  if (!sim.inverse() || sim.data().rows() != 2) return;
  const float em = ImGui::GetFontSize();
  const Eigen::VectorXd a = sim.measurement().A.row(0).transpose();
  const Eigen::Vector2d u(-a(1), a(0));  // along the line
  const double y = sim.measurement().y(0, 0), s = sim.measurement().noise;
  const Eigen::VectorXd& w = sim.posterior();
  const int panes = sim.panes();
  for (int p = 0; p < panes; ++p) {
    const Rect r = c_.layout.pane(p, panes);
    const render::View2D v = c_.projector.view(r.w, r.h);
    const auto at = [&](const Eigen::Vector2d& x) {
      const auto [px, py] = pane_pixel(r, v, x(0), x(1));
      return ImVec2(px, py);
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
    const auto reached = sim.pane(p).classes.points_reached();
    for (int n : reached)
      if (n >= 0 && n < w.size()) share[static_cast<std::size_t>(n)] += 1.0 / static_cast<double>(reached.size());
    const float big = 2.4f * em;
    for (Eigen::Index n = 0; n < w.size(); ++n) {
      const ImVec2 c = at(sim.data().col(n));
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

}  // namespace flowlab::app

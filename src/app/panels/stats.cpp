// Where particles end: each pane's classes as bars in their colours (and, for the inverse
// problem, the samplers' histogram beside the exact posterior), then the papers' curves.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/colors.hpp"
#include "panels.hpp"

namespace flowlab::app {

void draw_stats(PanelContext& c) {
  begin_panel(c, "Where particles end", c.layout.stats);
  const bool graded = c.state.flow == "pf" || c.state.flow == "sde";
  ImGui::Text("%s  sigma = %.4g  rho = %.4g", graded ? "now" : "fixed", c.sim.sigma_now(), c.sim.rho_now());
  const bool structured = c.sim.classifier() && c.sim.classifier()->structured();
  bool denoised = c.sim.panes() > 0;  // what was counted, as it was counted (h may be undefined at the level now)
  for (int p = 0; p < c.sim.panes(); ++p) denoised = denoised && c.sim.pane(p).denoised;
  const char* what = denoised ? "the denoised samples h(y)"
                     : c.state.classify == "denoised" && !c.sim.inverse() ? "where particles are (h is not defined at this level)"
                                                                          : "where particles are";
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  if (structured)
    ImGui::TextWrapped("Counted: %s; at a vertex within tau = %.3g of its edge coordinates.", what, c.state.tol);
  else
    ImGui::TextWrapped("Counted: %s; memorized when 3 times nearer one training point than any other.", what);
  ImGui::PopStyleColor();
  for (int p = 0; p < c.sim.panes(); ++p) {
    const Pane& pane = c.sim.pane(p);
    ImGui::Separator();
    ImGui::TextUnformatted(denoiser_label(pane.denoiser_name));
    if (!pane.flow && !pane.sampler) {  // no fractions for particles that never moved
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.45f, 1), "Not classified: this pane has no flow, so its particles never moved%s%s",
                         pane.error.empty() ? "." : " (", pane.error.empty() ? "" : (pane.error + ").").c_str());
      ImGui::PopTextWrapPos();
      continue;
    }
    if (c.sim.inverse()) {  // the samplers' histogram over the training points, beside the exact weights
      const PosteriorFit fit = posterior_fit(pane.classes.points_reached(), c.sim.posterior());
      ImGui::Text("%s: TV to the exact posterior %.3f", c.state.method.c_str(), fit.tv);
      const Eigen::Index shown = std::min<Eigen::Index>(fit.share.size(), 12);
      for (Eigen::Index n = 0; n < shown; ++n) {
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "x%d  %.1f%% (exact %.1f%%)", static_cast<int>(n + 1), 100 * fit.share(n),
                      100 * fit.exact(n));
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(1.0f, 0.84f, 0.4f, 0.8f));
        ImGui::ProgressBar(static_cast<float>(fit.share(n)), ImVec2(-1, 0), overlay);
        ImGui::PopStyleColor();
      }
      if (shown < fit.share.size()) ImGui::TextDisabled("(the first %d of %d points)", static_cast<int>(shown), static_cast<int>(fit.share.size()));
    }
    for (EndClass cls : c.sim.classes()) {
      const double f = pane.classes.fraction(cls);
      char overlay[64];
      std::snprintf(overlay, sizeof overlay, "%s  %ld (%.1f%%)", to_string(cls), pane.classes.counts[static_cast<int>(cls)],
                    100 * f);
      const ImVec4 color = ImGui::ColorConvertU32ToFloat4(class_color(cls));
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4(color.x, color.y, color.z, 0.85f));
      ImGui::ProgressBar(static_cast<float>(f), ImVec2(-1, 0), overlay);
      ImGui::PopStyleColor();
    }
  }
  ImGui::Separator();
  c.curves.draw();
  ImGui::End();
}

}  // namespace flowlab::app

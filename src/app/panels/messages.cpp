// Messages over the scene: why a pane cannot run, and warnings, wrapped to the scene's width, in
// a window of their own at the top of the scene, where they shift no control. Where the closed
// form has no flow, two buttons offer a trained network or the empirical MMSE instead.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "app/colors.hpp"
#include "panels.hpp"

namespace flowlab::app {

void draw_messages(PanelContext& c) {
  const float em = ImGui::GetFontSize();
  const int panes = c.sim.panes();
  std::vector<std::pair<ImVec4, std::string>> lines;
  if (!c.sim.error().empty()) lines.emplace_back(ImVec4(1, 0.45f, 0.45f, 1), c.sim.error());
  for (int p = 0; p < panes; ++p)
    if (!c.sim.pane(p).error.empty())
      lines.emplace_back(ImVec4(1, 0.45f, 0.45f, 1),
                         std::string(panes > 1 ? (p == 0 ? "Left pane, " : "Right pane, ") : "") +
                             denoiser_label(c.sim.pane(p).denoiser_name) + ": " + c.sim.pane(p).error);
  if (!c.sim.warning().empty()) lines.emplace_back(ImVec4(1, 0.8f, 0.3f, 1), c.sim.warning());
  if (lines.empty()) return;
  const Rect& s = c.layout.scene;
  ImGui::SetNextWindowPos(ImVec2(s.x + em, s.y + (c.state.show_ui ? 1.8f : 3.8f) * em), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(std::max(10 * em, s.w - 2 * em), 0), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("##messages", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
  for (const auto& [color, line] : lines) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
  }
  for (int p = 0; p < panes; ++p)
    if (!c.sim.pane(p).error.empty() && c.sim.pane(p).denoiser_name == "minnorm" && !c.sim.pane(p).flow) {
      ImGui::PushID(p);
      if (ImGui::SmallButton("Train a network for this data")) (p == 0 ? c.state.denoiser : c.state.denoiser_b) = "trained";
      ImGui::SameLine();
      if (ImGui::SmallButton("Use the empirical MMSE")) (p == 0 ? c.state.denoiser : c.state.denoiser_b) = "emmse";
      ImGui::PopID();
    }
  ImGui::End();
}

}  // namespace flowlab::app

// Over the scene: each pane's label, the legend of the particle colours, and
// the messages (errors, warnings). Labels and legend go to ImGui's background
// list, under the panels, so a PNG of the scene carries them; the messages sit
// in a window of their own at the top of the scene, where they shift no control.
#include <imgui.h>

#include <string>

#include "app.hpp"
#include "colors.hpp"

namespace flowlab::app {

void App::draw_overlay() {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float em = ImGui::GetFontSize();
  const ImU32 text = IM_COL32(220, 225, 235, 255), dim = IM_COL32(150, 158, 172, 255);
  const int panes = sim_.panes();
  for (int p = 0; p < panes; ++p) {
    const Rect r = layout_.pane(p, panes);
    const Pane& pane = sim_.pane(p);
    std::string label = denoiser_label(pane.denoiser_name);
    if (panes > 1) label = (p == 0 ? "left: " : "right: ") + label;
    const float top = layout_.docked ? 0.4f : 2.4f;  // floating panels' title bars sit at the top
    dl->AddText(ImVec2(r.x + 0.6f * em, r.y + top * em), text, label.c_str());
    if (p > 0) dl->AddLine(ImVec2(r.x, r.y), ImVec2(r.x, r.y + r.h), IM_COL32(80, 88, 100, 255), 1.0f);
  }
  // The legend: the classes this data can produce, in the particles' colours.
  const auto classes = sim_.classes();
  if (!classes.empty()) {
    const bool by_vertex = state_.color_by == "vertex";
    const bool rings = sim_.data().rows() >= 2;  // the 1-D view marks no vertices
    const int rows = by_vertex ? 2 : static_cast<int>(classes.size()) + (rings ? 2 : 1);
    float y = layout_.scene.y + layout_.scene.h - (static_cast<float>(rows) * 1.35f + 0.6f) * em;
    const float x = layout_.scene.x + 0.8f * em;
    rects_.emplace_back("legend", Rect{x, y, 21 * em, static_cast<float>(rows) * 1.35f * em});
    dl->AddRectFilled(ImVec2(x - 0.4f * em, y - 0.3f * em), ImVec2(x + 21 * em, y + (static_cast<float>(rows) * 1.35f + 0.1f) * em),
                      IM_COL32(18, 20, 26, 200), 0.3f * em);
    const auto row = [&](ImU32 color, bool ring, const char* what) {
      const ImVec2 c(x + 0.45f * em, y + 0.6f * em);
      if (ring) dl->AddCircle(c, 0.42f * em, color, 20, 1.5f);
      else dl->AddCircleFilled(c, 0.3f * em, color, 16);
      dl->AddText(ImVec2(x + 1.3f * em, y), text, what);
      y += 1.35f * em;
    };
    row(IM_COL32(255, 255, 255, 220), false, "training data");
    if (by_vertex) {
      dl->AddText(ImVec2(x, y), dim, "particles: one colour per vertex reached");
    } else {
      for (EndClass c : classes) row(class_color(c), false, class_label(c));
      if (rings) row(IM_COL32(230, 230, 230, 220), true, "ring: a vertex reached (size: its share)");
    }
  }
  // Messages: why a pane cannot run, and warnings, wrapped to the scene's width.
  std::vector<std::pair<ImVec4, std::string>> lines;
  if (!sim_.error().empty()) lines.emplace_back(ImVec4(1, 0.45f, 0.45f, 1), sim_.error());
  for (int p = 0; p < panes; ++p)
    if (!sim_.pane(p).error.empty())
      lines.emplace_back(ImVec4(1, 0.45f, 0.45f, 1),
                         std::string(panes > 1 ? (p == 0 ? "Left pane, " : "Right pane, ") : "") +
                             denoiser_label(sim_.pane(p).denoiser_name) + ": " + sim_.pane(p).error);
  if (!sim_.warning().empty()) lines.emplace_back(ImVec4(1, 0.8f, 0.3f, 1), sim_.warning());
  if (lines.empty()) return;
  const Rect& s = layout_.scene;
  ImGui::SetNextWindowPos(ImVec2(s.x + em, s.y + (layout_.docked ? 1.8f : 3.8f) * em), ImGuiCond_Always);
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
    if (!sim_.pane(p).error.empty() && sim_.pane(p).denoiser_name == "minnorm" && !sim_.pane(p).flow) {
      ImGui::PushID(p);
      if (ImGui::SmallButton("Train a network for this data")) (p == 0 ? state_.denoiser : state_.denoiser_b) = "trained";
      ImGui::SameLine();
      if (ImGui::SmallButton("Use the empirical MMSE")) (p == 0 ? state_.denoiser : state_.denoiser_b) = "emmse";
      ImGui::PopID();
    }
  ImGui::End();
}

}  // namespace flowlab::app

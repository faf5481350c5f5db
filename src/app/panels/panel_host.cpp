// The panels' places: docked beside the scene, or a bar and a sheet on narrow screens.
#include <algorithm>

#include "panels.hpp"

namespace flowlab::app {

void PanelHost::draw(PanelContext& c) {
  draw_messages(c);
  if (c.state.show_ui) draw_ui(c);
  if (show_keys_) draw_keys(c, show_keys_);
}

void PanelHost::draw_ui(PanelContext& c) {
  const float em = ImGui::GetFontSize();  // sizes in font heights follow the UI scale (high-DPI)
  // Narrow screens: a bar of two buttons at the bottom; each opens its panel as a sheet over the
  // lower part of the scene, with controls at least 44 CSS pixels tall for fingers.
  if (!c.layout.docked) {
    const Rect& b = c.layout.bar;
    ImGui::SetNextWindowPos(ImVec2(b.x, b.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(b.w, b.h), ImGuiCond_Always);
    ImGui::Begin("##bar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 button((ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2, ImGui::GetContentRegionAvail().y);
    for (int k : {1, 2}) {
      if (k == 2) ImGui::SameLine();
      const bool open = sheet_ == k;
      if (open) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
      if (ImGui::Button(k == 1 ? (open ? "Close controls" : "Controls") : (open ? "Close statistics" : "Statistics"), button))
        sheet_ = open ? 0 : k;
      if (open) ImGui::PopStyleColor();
      c.widgets.remember(k == 1 ? "bar-controls" : "bar-stats");
    }
    ImGui::End();
    if (c.curves.requested()) sheet_ = 2;  // a requested curve opens the statistics
  }
  const float touch_pad = std::max(ImGui::GetStyle().FramePadding.y, 0.5f * (44 * c.dpr - em));
  if (!c.layout.docked) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, touch_pad));
  if (c.layout.docked || sheet_ == 1) draw_controls(c);
  if (c.layout.docked || sheet_ == 2) draw_stats(c);
  if (!c.layout.docked) ImGui::PopStyleVar();
}

}  // namespace flowlab::app

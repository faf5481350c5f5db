// The presets: one click restores a paper's scene; the chosen one's paragraph shows below.
#include <imgui.h>

#include <iterator>

#include "app/presets.hpp"
#include "panels.hpp"

namespace flowlab::app {

void draw_presets(PanelContext& c) {
  if (c.gallery.open_next) ImGui::SetNextItemOpen(true), c.gallery.open_next = false;  // a first visit
  const bool open = c.widgets.section("Presets (the papers' pictures)", false);
  c.gallery.open = open;
  c.widgets.remember("presets");
  if (!open) return;
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i) {
    if (ImGui::Selectable(kPresets[i].name, c.preset == i)) c.commands.preset = i;
    if (ImGui::CalcTextSize(kPresets[i].name).x > ImGui::GetItemRectSize().x) c.widgets.clipped(kPresets[i].name);
    if (ImGui::IsItemHovered()) {
      ImGui::SetNextWindowSize(ImVec2(24 * ImGui::GetFontSize(), 0));
      ImGui::BeginTooltip();
      ImGui::TextWrapped("%s", kPresets[i].explanation);
      ImGui::EndTooltip();
    }
    if (i == 0) c.widgets.remember("preset0");
  }
  if (c.preset >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.8f, 0.88f, 1));
    ImGui::TextWrapped("%s", kPresets[c.preset].explanation);
    ImGui::PopStyleColor();
  }
}

}  // namespace flowlab::app

// The keys, listed (? opens it, ? or Esc closes it).
#include <imgui.h>

#include "panels.hpp"

namespace flowlab::app {

void draw_keys(PanelContext& c, bool& open) {
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(c.layout.scene.x + c.layout.scene.w / 2, c.layout.scene.y + c.layout.scene.h / 2),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(24 * em, 0), ImGuiCond_Always);
  ImGui::Begin("Keys (? or Esc closes)", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  static constexpr const char* kKeys[][2] = {
      {"space", "play / pause"},       {"S", "one step"},          {"R", "reset the particles"},
      {"F", "fit the view"},           {"Ctrl+Z", "undo"},         {"Ctrl+Shift+Z, Ctrl+Y", "redo"},
      {"?", "this list"},              {"drag", "pan (orbit in 3-D)"}, {"wheel", "zoom about the pointer"},
      {"ctrl-click", "add a point"},   {"right-click", "remove a point"}};
  for (const auto& k : kKeys) {
    ImGui::TextUnformatted(k[0]);
    ImGui::SameLine(11 * em);
    ImGui::TextUnformatted(k[1]);
  }
  ImGui::End();
}

}  // namespace flowlab::app

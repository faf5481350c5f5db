// The band above the scene that says what it shows, for a reader who has not read the papers:
// the scene's title, one sentence of what moves and why, the way to the legend's meaning (What am
// I looking at?) and to the preset's paragraph; when the flow has ended, it says so and offers a
// replay and the next preset.
#include <imgui.h>

#include <iterator>

#include "app/describe.hpp"
#include "app/presets.hpp"
#include "panels.hpp"

namespace flowlab::app {

void draw_intro(PanelContext& c, const Describer& describer, Intro& intro) {
  const Rect& r = c.layout.intro;
  ImGui::SetNextWindowPos(ImVec2(r.x, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, 0), ImGuiCond_Always);  // as tall as its text
  ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::Begin("##intro", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoFocusOnAppearing);
  const int preset = c.preset >= 0 ? c.preset : matching_preset(c.state);
  ImGui::TextWrapped("%s", describer.title(c.state, c.preset).c_str());
  c.widgets.remember("intro-title");
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.8f, 0.88f, 1));
  ImGui::TextWrapped("%s", scene_sentence(c.state).c_str());
  ImGui::PopStyleColor();
  if (ImGui::SmallButton(intro.about ? "Close: what am I looking at?" : "What am I looking at?")) intro.about = !intro.about;
  c.widgets.remember("intro-about");
  if (preset >= 0) {
    ImGui::SameLine();
    if (ImGui::SmallButton(intro.note ? "Hide the paper's point" : "The paper's point")) intro.note = !intro.note;
    c.widgets.remember("intro-note");
  }
  if (c.sim.done()) {  // the flow has ended: say so, and what to do next
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.6f, 1), "The flow has ended.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Replay")) c.commands.reset = c.commands.play_after_reset = true;
    c.widgets.remember("intro-replay");
    ImGui::SameLine();
    const int next = preset >= 0 ? (preset + 1) % static_cast<int>(std::size(kPresets)) : 0;
    if (ImGui::SmallButton("Next preset")) c.commands.preset = next;
    c.widgets.remember("intro-next");
  }
  if (intro.note && preset >= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.8f, 0.88f, 1));
    ImGui::TextWrapped("%s", kPresets[preset].explanation);
    ImGui::PopStyleColor();
  }
  intro.height = ImGui::GetWindowHeight();
  ImGui::End();
}

}  // namespace flowlab::app

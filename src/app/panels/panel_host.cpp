// The panels' places: docked beside the scene, or a bar and a sheet on narrow screens.
#include <algorithm>

#include "panels.hpp"

namespace flowlab::app {

void PanelHost::swipe(float x, float y, float dy, bool first) {
  if (first) swipe_ = Swipe{x, y, 0, true};
  swipe_.dy += dy;
}

// The sheet's title bar is its handle: a swipe that starts there resizes the sheet, up to half
// the space above the bar (dragging up makes it taller).
void PanelHost::resize_sheet(const Layout& l) {
  if (swipe_.first) {
    const float handle = ImGui::GetFontSize() + 2 * ImGui::GetStyle().FramePadding.y;
    resizing_ = sheet_ != 0 && !l.docked && l.sheet.contains(swipe_.x, swipe_.y) && swipe_.y < l.sheet.y + handle;
    swipe_.first = false;
  }
  if (!resizing_ || swipe_.dy == 0) return;
  sheet_share_ = std::clamp(sheet_share_ - swipe_.dy / std::max(1.0f, l.bar.y), kMinSheet, kMaxSheet);
  swipe_.dy = 0;
}

void begin_panel(PanelContext& c, const char* title, const Rect& docked) {
  const Rect& r = c.layout.docked ? docked : c.layout.sheet;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
  if (!c.layout.docked) ImGui::SetNextWindowBgAlpha(1.0f);  // a sheet over the scene: opaque
  ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  if (!c.layout.docked) {  // the handle: a grip in the middle of the title bar
    const float em = ImGui::GetFontSize(), bar = em + 2 * ImGui::GetStyle().FramePadding.y;
    const ImVec2 mid(r.x + 0.5f * r.w, r.y + 0.5f * bar);
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(mid.x - 1.5f * em, mid.y - 0.12f * em),
                                                  ImVec2(mid.x + 1.5f * em, mid.y + 0.12f * em),
                                                  IM_COL32(200, 205, 215, 160), 0.12f * em);
  }
  Swipe& s = c.swipe;  // a vertical swipe over this window scrolls it
  if (s.dy != 0 && r.contains(s.x, s.y)) {
    ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() - s.dy));
    s.dy = 0;
  }
}

void PanelHost::draw(PanelContext& c, const Describer& describer) {
  resize_sheet(c.layout);
  draw_messages(c);
  if (c.state.show_ui) draw_intro(c, describer, intro_), draw_ui(c);
  if (show_keys_) draw_keys(c, show_keys_);
  if (intro_.about && c.state.show_ui) draw_about(c, intro_.about);
}

// The controls folded into a tab at the left edge: one tall button, its word written down it.
void PanelHost::draw_tab(PanelContext& c) {
  const Rect& t = c.layout.tab;
  ImGui::SetNextWindowPos(ImVec2(t.x, t.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(t.w, t.h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.2f * t.w, 0.2f * t.w));
  ImGui::Begin("##tab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, 12 * ImGui::GetFontSize());
  if (tab_open_) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
  if (ImGui::Button("##controls-tab", size)) tab_open_ = !tab_open_;
  if (tab_open_) ImGui::PopStyleColor();
  c.widgets.remember("controls-tab");
  const char* word = tab_open_ ? "<Controls" : ">Controls";
  const float line = ImGui::GetFontSize();
  for (int k = 0; word[k]; ++k) {
    const char letter[2] = {word[k], 0};
    const float w = ImGui::CalcTextSize(letter).x;
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 0.5f * (size.x - w), at.y + (0.6f + static_cast<float>(k)) * line),
                                        ImGui::GetColorU32(ImGuiCol_Text), letter);
  }
  ImGui::End();
  ImGui::PopStyleVar();
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
  if (c.layout.tab.w > 0) draw_tab(c);
  const float touch_pad = std::max(ImGui::GetStyle().FramePadding.y, 0.5f * (44 * c.dpr - em));
  if (!c.layout.docked) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, touch_pad));
  if (c.layout.docked ? c.layout.tab.w == 0 || tab_open_ : sheet_ == 1) draw_controls(c);
  if (c.layout.docked || sheet_ == 2) draw_stats(c);
  if (!c.layout.docked) ImGui::PopStyleVar();
  swipe_.dy = 0;  // over no panel: nothing to scroll
}

}  // namespace flowlab::app

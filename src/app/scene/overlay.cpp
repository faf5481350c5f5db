#include "overlay.hpp"

#include <vector>

#include "app/colors.hpp"

namespace flowlab::app {

void draw_overlay(const SceneContext& c, SceneView& view, const SceneFrame& f, const std::string& caption, Widgets& widgets) {
  const Simulation& sim = c.sim;
  const AppState& state = c.state;
  const Layout& layout = c.layout;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float em = ImGui::GetFontSize();
  const ImU32 text = IM_COL32(220, 225, 235, 255), dim = IM_COL32(150, 158, 172, 255);
  const int panes = sim.panes();
  for (int p = 0; p < panes; ++p) {
    const Rect r = layout.pane(p, panes);
    const Pane& pane = sim.pane(p);
    std::string label = denoiser_label(pane.denoiser_name);
    if (panes > 1) label = (p == 0 ? "left: " : "right: ") + label;
    // below the floating panels' title bars, or an embedded scene's caption
    const float top = state.show_ui ? 0.4f : 2.4f;
    dl->AddText(ImVec2(r.x + 0.6f * em, r.y + top * em), text, label.c_str());
    if (p > 0) dl->AddLine(ImVec2(r.x, r.y), ImVec2(r.x, r.y + r.h), IM_COL32(80, 88, 100, 255), 1.0f);
  }
  view.annotate(dl, f);
  // The legend: the classes the particles are in, in their colours (only those shown, so that
  // it stays small in an embedded scene), and the rings where vertices were reached.
  std::vector<EndClass> classes;
  for (EndClass cls : sim.classes())
    for (int p = 0; p < panes; ++p)
      if (sim.pane(p).classes.counts[static_cast<int>(cls)] > 0 && (classes.empty() || classes.back() != cls)) classes.push_back(cls);
  const bool rings = view.rings();
  if (!sim.classes().empty()) {
    const bool by_vertex = state.color_by == "vertex";
    const int rows = (by_vertex ? 2 : static_cast<int>(classes.size()) + (rings ? 2 : 1)) + (sim.inverse() ? 1 : 0);
    float y = layout.scene.y + layout.scene.h - (static_cast<float>(rows) * 1.35f + 0.6f) * em;
    const float x = layout.scene.x + 0.8f * em;
    widgets.remember("legend", Rect{x, y, 21 * em, static_cast<float>(rows) * 1.35f * em});
    dl->AddRectFilled(ImVec2(x - 0.4f * em, y - 0.3f * em), ImVec2(x + 21 * em, y + (static_cast<float>(rows) * 1.35f + 0.1f) * em),
                      IM_COL32(18, 20, 26, 200), 0.3f * em);
    const auto row = [&](ImU32 color, bool ring, const char* what, const char* key = nullptr) {
      const ImVec2 at(x + 0.45f * em, y + 0.6f * em);
      if (key) widgets.remember(std::string("legend:") + key, Rect{at.x, at.y, 0, 0});  // the dot's centre, for tests
      if (ring) dl->AddCircle(at, 0.42f * em, color, 20, 1.5f);
      else dl->AddCircleFilled(at, 0.3f * em, color, 16);
      dl->AddText(ImVec2(x + 1.3f * em, y), text, what);
      y += 1.35f * em;
    };
    row(IM_COL32(255, 255, 255, 220), false, "training data");
    if (by_vertex) {
      dl->AddText(ImVec2(x, y), dim, "particles: one colour per vertex reached");
    } else {
      for (EndClass cls : classes) row(class_color(cls), false, class_label(cls), to_string(cls));
      if (rings) row(IM_COL32(230, 230, 230, 220), true, "ring: a vertex reached (size: share)");
    }
    if (sim.inverse()) row(IM_COL32(255, 214, 102, 240), false, "disc: exact posterior; ring: samples");
  }
  // Embedded (ui=0): the caption over the scene.
  if (!state.show_ui) {
    const float wrap = layout.scene.w - 2 * em;
    const ImVec2 size = ImGui::CalcTextSize(caption.c_str(), nullptr, false, wrap);
    const ImVec2 at(layout.scene.x + 0.5f * (layout.scene.w - size.x), layout.scene.y + 0.4f * em);
    dl->AddRectFilled(ImVec2(at.x - 0.5f * em, at.y - 0.3f * em), ImVec2(at.x + size.x + 0.5f * em, at.y + size.y + 0.3f * em),
                      IM_COL32(18, 20, 26, 210), 0.3f * em);
    dl->AddText(nullptr, 0.0f, at, text, caption.c_str(), nullptr, wrap);
  }
}

}  // namespace flowlab::app

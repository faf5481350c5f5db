#include "overlay.hpp"

#include <algorithm>
#include <vector>

#include "app/colors.hpp"

namespace flowlab::app {


int Overlay::choose_corner(const SceneView& view, const Rect (&corners)[4], double now) {
  if (now - chosen_at_ < 0.5 && now >= chosen_at_) return corner_;
  chosen_at_ = now;
  double score[4];
  for (int k = 0; k < 4; ++k) score[k] = view.occupancy(corners[k]);
  const int best = static_cast<int>(std::min_element(score, score + 4) - score);
  if (score[best] < 0.7 * score[corner_] - 1.0) corner_ = best;
  return corner_;
}

void Overlay::draw(const SceneContext& c, SceneView& view, const SceneFrame& f, const std::string& caption, Widgets& widgets) {
  const Simulation& sim = c.sim;
  const AppState& state = c.state;
  const Layout& layout = c.layout;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const float em = ImGui::GetFontSize();
  const ImU32 text = IM_COL32(220, 225, 235, 255), dim = IM_COL32(150, 158, 172, 255);
  const int panes = sim.panes();
  // Embedded (ui=0): the caption over the scene, wrapped; the panes' labels go below it.
  float below_caption = layout.scene.y;
  if (!state.show_ui) {
    const float wrap = layout.scene.w - 2 * em;
    const ImVec2 size = ImGui::CalcTextSize(caption.c_str(), nullptr, false, wrap);
    const ImVec2 at(layout.scene.x + 0.5f * (layout.scene.w - size.x), layout.scene.y + 0.4f * em);
    dl->AddRectFilled(ImVec2(at.x - 0.5f * em, at.y - 0.3f * em), ImVec2(at.x + size.x + 0.5f * em, at.y + size.y + 0.3f * em),
                      IM_COL32(18, 20, 26, 210), 0.3f * em);
    dl->AddText(nullptr, 0.0f, at, text, caption.c_str(), nullptr, wrap);
    widgets.remember("caption", Rect{at.x, at.y, size.x, size.y});
    below_caption = at.y + size.y + 0.5f * em;
  }
  float below_labels = below_caption;
  for (int p = 0; p < panes; ++p) {
    const Rect r = layout.pane(p, panes);
    const Pane& pane = sim.pane(p);
    std::string label = denoiser_label(pane.denoiser_name);
    if (panes > 1) label = (p == 0 ? "left: " : "right: ") + label;
    const ImVec2 at(r.x + 0.6f * em, state.show_ui ? r.y + 0.4f * em : below_caption);
    dl->AddText(at, text, label.c_str());
    widgets.remember("pane-label:" + std::to_string(p), Rect{at.x, at.y, ImGui::CalcTextSize(label.c_str()).x, em});
    below_labels = std::max(below_labels, at.y + 1.3f * em);
    if (p > 0) dl->AddLine(ImVec2(r.x, r.y), ImVec2(r.x, r.y + r.h), IM_COL32(80, 88, 100, 255), 1.0f);
  }
  view.annotate(dl, f, widgets);
  // The legend: the classes the particles are in, in their colours (only those shown, so that
  // it stays small in an embedded scene), and the rings where vertices were reached.
  std::vector<EndClass> classes;
  for (EndClass cls : sim.classes())
    for (int p = 0; p < panes; ++p)
      if (sim.pane(p).classes.counts[static_cast<int>(cls)] > 0 && (classes.empty() || classes.back() != cls)) classes.push_back(cls);
  const bool rings = view.rings();
  if (!sim.classes().empty()) {
    const bool by_vertex = state.color_by == "vertex";
    struct Row {
      ImU32 color;
      bool ring;
      const char* what;   // the full legend's words
      const char* brief;  // one row on a small canvas
      const char* key;    // recorded for tests
    };
    std::vector<Row> rows;
    if (view.legend_data()) rows.push_back({IM_COL32(255, 255, 255, 220), false, view.legend_data(), "data", nullptr});
    if (!by_vertex) {
      for (EndClass cls : classes) rows.push_back({class_color(cls), false, view.legend_class(cls), to_string(cls), to_string(cls)});
      if (rings) rows.push_back({IM_COL32(230, 230, 230, 220), true, "ring: a vertex reached (size: share)", "reached", nullptr});
    }
    if (sim.inverse()) rows.push_back({IM_COL32(255, 214, 102, 240), false, "disc: exact posterior; ring: samples", "posterior", nullptr});
    if (rows.empty()) return;
    // On a small canvas (compact_legend) the legend shrinks to a row of short names
    // (two if one is too wide).
    const bool compact = compact_legend(layout, !state.show_ui, f.dpr);
    const float line = 1.35f * em, dot = 1.3f * em, gap = 0.8f * em, room = layout.scene.w - 2.4f * em;
    float width = 0, height = line;
    if (compact) {
      float x = 0;
      for (const Row& r : rows) {
        const float w = dot + ImGui::CalcTextSize(r.brief).x + gap;
        if (x > 0 && x + w > room) x = 0, height += line;
        x += w;
        width = std::max(width, x);
      }
    } else {
      for (const Row& r : rows) width = std::max(width, dot + ImGui::CalcTextSize(r.what).x);
      if (by_vertex) width = std::max(width, ImGui::CalcTextSize("particles: one colour per vertex reached").x);
      height = static_cast<float>(rows.size() + (by_vertex ? 1 : 0)) * line;
    }
    width += 0.4f * em;
    // The corners of the scene, clear of the panes' labels at the top and, embedded, of the
    // page's "Open in Flowlab" link at the bottom right (about 10 font heights wide).
    const float left = layout.scene.x + 0.8f * em, right = layout.scene.x + layout.scene.w - width - 0.8f * em;
    const float top = below_labels + 0.3f * em, bottom = layout.scene.y + layout.scene.h - height - 0.6f * em;
    const float link_left = layout.scene.x + layout.scene.w - 10.5f * em;
    const auto lifted = [&](float x) { return !state.show_ui && x + width > link_left ? bottom - 2.2f * em : bottom; };
    const Rect corners[4] = {{left, lifted(left), width, height}, {right, lifted(right), width, height},
                             {left, top, width, height}, {right, top, width, height}};
    const Rect box = corners[choose_corner(view, corners, f.now)];
    widgets.remember("legend", box);
    dl->AddRectFilled(ImVec2(box.x - 0.4f * em, box.y - 0.3f * em), ImVec2(box.x + box.w, box.y + box.h + 0.1f * em),
                      IM_COL32(18, 20, 26, 200), 0.3f * em);
    float x = box.x, y = box.y;
    for (const Row& r : rows) {
      const ImVec2 at(x + 0.45f * em, y + 0.6f * em);
      if (r.key) widgets.remember(std::string("legend:") + r.key, Rect{at.x, at.y, 0, 0});  // the dot's centre, for tests
      if (r.ring) dl->AddCircle(at, 0.42f * em, r.color, 20, 1.5f);
      else dl->AddCircleFilled(at, 0.3f * em, r.color, 16);
      dl->AddText(ImVec2(x + dot, y), text, compact ? r.brief : r.what);
      if (!compact) {
        y += line;
        continue;
      }
      x += dot + ImGui::CalcTextSize(r.brief).x + gap;
      if (&r != &rows.back()) {  // wrap as the width was measured
        const Row& next = *(&r + 1);
        if (x - box.x + dot + ImGui::CalcTextSize(next.brief).x + gap > room) x = box.x, y += line;
      }
    }
    if (by_vertex && !compact) dl->AddText(ImVec2(x, y), dim, "particles: one colour per vertex reached");
  }
}

}  // namespace flowlab::app

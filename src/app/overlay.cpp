// Over the scene: each pane's label, the legend of the particle colours, and
// the messages (errors, warnings). Labels and legend go to ImGui's background
// list, under the panels, so a PNG of the scene carries them; the messages sit
// in a window of their own at the top of the scene, where they shift no control.
#include <imgui.h>

#include <cstdio>
#include <iterator>
#include <string>

#include "app.hpp"
#include "colors.hpp"
#include "presets.hpp"

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
    // below the floating panels' title bars, or an embedded scene's caption
    const float top = state_.show_ui ? 0.4f : 2.4f;
    dl->AddText(ImVec2(r.x + 0.6f * em, r.y + top * em), text, label.c_str());
    if (p > 0) dl->AddLine(ImVec2(r.x, r.y), ImVec2(r.x, r.y + r.h), IM_COL32(80, 88, 100, 255), 1.0f);
  }
  draw_measurement();
  // 3-D: the hyperbox's vertices labelled (x_n, sums, the apex), and an axis gizmo per pane.
  if (sim_.data().rows() == 3 && sim_.classifier()) {
    if (corners_.empty() || corners_key_ != sim_.classified_data()) {
      corners_key_ = sim_.classified_data();
      corners_ = sim_.classifier()->vertices();
    }
    for (int p = 0; p < panes; ++p) {
      const Rect r = layout_.pane(p, panes);
      const render::View2D v = view_for(r.w, r.h);
      for (const auto& c : corners_) {
        std::string name;
        for (int n : c.points) name += (name.empty() ? "x" : " + x") + std::to_string(n + 1);
        if (c.cls == EndClass::apex) name = "apex";
        const auto [sx, sy] = screen(c.at);
        const ImVec2 at(r.x + static_cast<float>(0.5 * r.w + (sx - v.cx) * v.scale) + 1.0f * em,
                        r.y + static_cast<float>(0.5 * r.h - (sy - v.cy) * v.scale) - 1.6f * em);
        dl->AddText(at, class_color(c.cls) | IM_COL32(0, 0, 0, 255), name.c_str());
      }
      const ImVec2 o(r.x + r.w - 3.2f * em, r.y + r.h - 3.2f * em);
      for (int k = 0; k < 3; ++k) {
        const ImVec2 tip(o.x + 2.0f * em * static_cast<float>(camera_(0, k)), o.y - 2.0f * em * static_cast<float>(camera_(1, k)));
        dl->AddLine(o, tip, IM_COL32(200, 205, 215, 220), 1.5f * dpr_);
        const char* axis[] = {"1", "2", "3"};
        dl->AddText(ImVec2(tip.x - 0.3f * em, tip.y - 0.5f * em), dim, axis[k]);
      }
    }
  }
  // The legend: the classes the particles are in, in their colours (only those shown, so that
  // it stays small in an embedded scene), and the rings where vertices were reached.
  std::vector<EndClass> classes;
  for (EndClass c : sim_.classes())
    for (int p = 0; p < panes; ++p)
      if (sim_.pane(p).classes.counts[static_cast<int>(c)] > 0 && (classes.empty() || classes.back() != c)) classes.push_back(c);
  bool rings = false;
  for (const Reached& r : reached_) rings = rings || !r.vertices.empty();
  if (!sim_.classes().empty()) {
    const bool by_vertex = state_.color_by == "vertex";
    const int rows = (by_vertex ? 2 : static_cast<int>(classes.size()) + (rings ? 2 : 1)) + (sim_.inverse() ? 1 : 0);
    float y = layout_.scene.y + layout_.scene.h - (static_cast<float>(rows) * 1.35f + 0.6f) * em;
    const float x = layout_.scene.x + 0.8f * em;
    rects_.emplace_back("legend", Rect{x, y, 21 * em, static_cast<float>(rows) * 1.35f * em});
    dl->AddRectFilled(ImVec2(x - 0.4f * em, y - 0.3f * em), ImVec2(x + 21 * em, y + (static_cast<float>(rows) * 1.35f + 0.1f) * em),
                      IM_COL32(18, 20, 26, 200), 0.3f * em);
    const auto row = [&](ImU32 color, bool ring, const char* what, const char* key = nullptr) {
      const ImVec2 c(x + 0.45f * em, y + 0.6f * em);
      if (key) rects_.emplace_back(std::string("legend:") + key, Rect{c.x, c.y, 0, 0});  // the dot's centre, for tests
      if (ring) dl->AddCircle(c, 0.42f * em, color, 20, 1.5f);
      else dl->AddCircleFilled(c, 0.3f * em, color, 16);
      dl->AddText(ImVec2(x + 1.3f * em, y), text, what);
      y += 1.35f * em;
    };
    row(IM_COL32(255, 255, 255, 220), false, "training data");
    if (by_vertex) {
      dl->AddText(ImVec2(x, y), dim, "particles: one colour per vertex reached");
    } else {
      for (EndClass c : classes) row(class_color(c), false, class_label(c), to_string(c));
      if (rings) row(IM_COL32(230, 230, 230, 220), true, "ring: a vertex reached (size: share)");
    }
    if (sim_.inverse()) row(IM_COL32(255, 214, 102, 240), false, "disc: exact posterior; ring: samples");
  }
  // Embedded (ui=0): the caption over the scene.
  if (!state_.show_ui) {
    const std::string caption = state_.caption.empty() ? title() : state_.caption;
    const float wrap = layout_.scene.w - 2 * em;
    const ImVec2 size = ImGui::CalcTextSize(caption.c_str(), nullptr, false, wrap);
    const ImVec2 at(layout_.scene.x + 0.5f * (layout_.scene.w - size.x), layout_.scene.y + 0.4f * em);
    dl->AddRectFilled(ImVec2(at.x - 0.5f * em, at.y - 0.3f * em), ImVec2(at.x + size.x + 0.5f * em, at.y + size.y + 0.3f * em),
                      IM_COL32(18, 20, 26, 210), 0.3f * em);
    dl->AddText(nullptr, 0.0f, at, text, caption.c_str(), nullptr, wrap);
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
  ImGui::SetNextWindowPos(ImVec2(s.x + em, s.y + (state_.show_ui ? 1.8f : 3.8f) * em), ImGuiCond_Always);
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


int App::matching_preset() const {
  static const std::initializer_list<const char*> scene = {"preset", "n", "d", "angle", "length", "per", "dseed", "pts",
                                                           "den", "bw", "sbs", "denb", "flow", "sigma", "smax", "smin"};
  const std::string here = fragment_of(state_, scene);
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i)
    if (fragment_of(from_fragment(kPresets[i].link).state, scene) == here) return i;
  return -1;
}

std::string App::title() const {
  if (!state_.caption.empty()) return state_.caption;
  const std::string key = link() + "#" + std::to_string(preset_);
  if (key == title_key_) return title_;  // an embedded scene asks every frame: the presets are compared once per state
  title_key_ = key;
  const int p = preset_ >= 0 ? preset_ : matching_preset();
  if (p >= 0) return title_ = kPresets[p].name;
  title_ = state_.preset + " data, " + denoiser_label(state_.denoiser);
  if (state_.side_by_side) title_ += std::string(" vs ") + denoiser_label(state_.denoiser_b);
  return title_;
}

std::string App::summary() const {
  const Eigen::MatrixXd& X = sim_.data();
  const char* flow = state_.flow == "pf" ? "probability flow" : state_.flow == "score" ? "score flow"
                     : state_.flow == "sde" ? "reverse SDE" : "Langevin dynamics";
  char head[256];
  std::snprintf(head, sizeof head, "%s. %d training points in %d dimensions; %s, %d particles.", title().c_str(),
                static_cast<int>(X.cols()), static_cast<int>(X.rows()), flow, state_.particles);
  std::string out = head;
  for (int p = 0; p < sim_.panes(); ++p) {
    const Pane& pane = sim_.pane(p);
    out += std::string(" ") + denoiser_label(pane.denoiser_name) + (sim_.done() ? ", at the end:" : ", running:");
    for (EndClass c : sim_.classes()) {
      char part[64];
      std::snprintf(part, sizeof part, " %s %.0f%%,", class_label(c), 100 * pane.classes.fraction(c));
      out += part;
    }
    out.back() = '.';
  }
  return out;
}

void App::draw_keys() {
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(layout_.scene.x + layout_.scene.w / 2, layout_.scene.y + layout_.scene.h / 2),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(24 * em, 0), ImGuiCond_Always);
  ImGui::Begin("Keys (? or Esc closes)", &show_keys_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
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

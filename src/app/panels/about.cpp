// What am I looking at? Each thing the scene draws in one line, with where the papers say why.
#include <imgui.h>

#include <algorithm>

#include "app/colors.hpp"
#include "panels.hpp"

namespace flowlab::app {

void draw_about(PanelContext& c, bool& open) {
  const float em = ImGui::GetFontSize();
  const Rect& s = c.layout.scene;
  ImGui::SetNextWindowPos(ImVec2(s.x + s.w / 2, s.y + s.h / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(34 * em, s.w - em), 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(s.w, s.h - em));
  ImGui::Begin("What am I looking at?", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  c.widgets.remember("about");
  const auto dot = [&](ImU32 colour, bool ring) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 centre(p.x + 0.45f * em, p.y + 0.55f * em);
    if (ring) ImGui::GetWindowDrawList()->AddCircle(centre, 0.4f * em, colour, 20, 1.5f);
    else ImGui::GetWindowDrawList()->AddCircleFilled(centre, 0.3f * em, colour, 16);
    ImGui::Dummy(ImVec2(em, em));
    ImGui::SameLine();
  };
  const auto line = [](const char* text) { ImGui::TextWrapped("%s", text); };
  line("Diffusion models turn noise into data by denoising it a little at a time. Flowlab draws what a denoiser "
       "does to a cloud of noisy points (the particles) for a small training set, and where each one ends.");
  ImGui::Separator();
  dot(IM_COL32(255, 255, 255, 220), false);
  line("White discs: the training points x_1 .. x_N.");
  line("Arrows: the denoiser's pull h(y) - y at the current noise level, the direction a particle moves (lengths "
       "relative to the longest in view). Heatmap (View): its strength, dark blue still, yellow fastest.");
  line("Faint circles: the noise balls of radius rho = alpha sigma around each training point. The min-norm "
       "denoiser maps a whole ball to its centre (P2: Zeno et al., NeurIPS 2023; P1: Zeno et al., ICML 2025, Thm 4.1).");
  for (EndClass cls : {EndClass::training, EndClass::virtual_point, EndClass::manifold, EndClass::apex, EndClass::other}) {
    dot(class_color(cls), false);
    switch (cls) {
      case EndClass::training: line("Orange: ended at a training point: the flow memorized it."); break;
      case EndClass::virtual_point:
        line("Magenta: ended at a virtual point, a sum of training points that is not one: the score flow of the "
             "min-norm denoiser makes these stable (P1, Thms 4.2-4.3)."); break;
      case EndClass::manifold:
        line("Green: ended on the data's manifold (the hyperbox of P1), not at a vertex: the probability flow stops "
             "there as its noise runs out (P1, the probability flow)."); break;
      case EndClass::apex: line("Grey: ended at the apex, the corner the closed form is built from."); break;
      default: line("Light grey: ended elsewhere; blue (data without rays): no training point near, novel."); break;
    }
  }
  dot(IM_COL32(230, 230, 230, 220), true);
  line("Rings: a vertex the particles reached, larger where more of them end.");
  ImGui::Separator();
  line("Presets restore the papers' scenes; the statistics panel counts where the particles end. Every setting is "
       "in the link: Copy link shares this exact scene.");
  ImGui::End();
}

}  // namespace flowlab::app

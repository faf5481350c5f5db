// The trained denoiser's panel: its settings, its progress, its loss and cost curves and, for gd and
// sgd, the sharpness against the 2/lr it must stay under and the memorization of a probe flow.
// It reads the Simulation's numbers; it computes nothing itself.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "panels.hpp"

namespace flowlab::app {
namespace {
// Defaults worth starting from when the method changes (Adam's step is far too small for plain gd).
double default_lr(const std::string& trainer) { return trainer == "gd" || trainer == "sgd" ? 0.05 : trainer == "adam" ? 1e-2 : 3e-3; }

// lambda_max over the epochs with the line 2/lr drawn across: the stability bound, which the
// curve climbs to (progressive sharpening) and then hugs (the edge of stability).
void sharpness_chart(const std::vector<Training::Probe>& probes, double lr) {
  const float em = ImGui::GetFontSize();
  const ImVec2 size(std::max(4 * em, ImGui::GetContentRegionAvail().x), 4.5f * em);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##sharpness", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg));
  const double bound = 2.0 / lr;
  double top = 1.15 * bound;
  for (const auto& p : probes) top = std::max(top, 1.05 * p.sharpness);
  const int last = probes.back().epoch, first = probes.front().epoch;
  const auto at = [&](int epoch, double value) {
    const float x = last > first ? static_cast<float>(epoch - first) / static_cast<float>(last - first) : 1.0f;
    return ImVec2(o.x + x * size.x, o.y + size.y * (1.0f - static_cast<float>(std::clamp(value / top, 0.0, 1.0))));
  };
  const float yb = at(first, bound).y;
  for (float x = o.x; x < o.x + size.x; x += 8)  // dashed: a bound, not data
    dl->AddLine(ImVec2(x, yb), ImVec2(std::min(x + 4, o.x + size.x), yb), IM_COL32(230, 90, 80, 255), 1.5f);
  dl->AddText(ImVec2(o.x + 4, yb + 2), IM_COL32(230, 90, 80, 255), "2/lr");
  for (std::size_t i = 1; i < probes.size(); ++i)
    dl->AddLine(at(probes[i - 1].epoch, probes[i - 1].sharpness), at(probes[i].epoch, probes[i].sharpness),
                IM_COL32(120, 190, 255, 255), 1.5f);
}
}  // namespace

void draw_training(PanelContext& c) {
  std::vector<float>& curve = c.widgets.plot_buffer();
  ImGui::Separator();
  ImGui::TextUnformatted("Training the network");
  ImGui::InputInt("width K", &c.state.width), c.widgets.explain("width K");
  const std::string before = c.state.trainer;
  if (c.widgets.combo("method", c.state.trainer, kTrainerChoices), c.widgets.explain("method"); c.state.trainer != before) {
    if (c.state.lr == default_lr(before)) c.state.lr = default_lr(c.state.trainer);
    if (c.state.trainer == "gd" || c.state.trainer == "sgd") c.state.lambda = 0;  // plain steps: no decay unless asked, as in the CLI
  }
  const bool plain = c.state.trainer == "gd" || c.state.trainer == "sgd";
  if (c.state.trainer != "auglag") input_double("weight decay lambda", c.state.lambda), c.widgets.explain("weight decay lambda");
  if (c.state.trainer == "sgd") ImGui::InputInt("batch", &c.state.batch, 1, 16), c.widgets.explain("batch");
  ImGui::InputInt("epochs per level", &c.state.epochs, 500, 5000), c.widgets.explain("epochs per level");
  ImGui::InputInt("samples per point M", &c.state.samples), c.widgets.explain("samples per point M");
  input_double("learning rate", c.state.lr), c.widgets.explain("learning rate");
  if (c.state.flow == "pf" || c.state.flow == "sde") ImGui::SliderInt("noise levels", &c.state.levels, 1, 8), c.widgets.explain("noise levels");
  const Training& t = c.sim.training();
  if (!t.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", t.error.c_str());
  char label[96];
  const int epoch = t.trainer ? t.trainer->epoch() : 0;
  std::snprintf(label, sizeof label, "level %d/%d  sigma %.3g  epoch %d/%d", t.level + 1, static_cast<int>(t.sigmas.size()),
                t.sigmas.empty() ? 0.0 : t.sigmas[static_cast<std::size_t>(t.level)], epoch, c.state.epochs);
  ImGui::ProgressBar(static_cast<float>(t.progress()), ImVec2(-1, 0), t.finished ? "trained" : label);
  if (ImGui::Button(c.sim.training_paused() ? "Resume training" : "Pause training")) c.commands.toggle_training = true;
  ImGui::SameLine();
  if (ImGui::Button("Download model")) c.commands.model = true;
  if (t.trainer && !t.trainer->history().empty()) {
    const auto& h = t.trainer->history();
    const EpochReport& last = h.back();
    ImGui::Text("loss %.4g  interpolation %.3g  cost %.5g", last.loss, last.interpolation, last.cost);
    // the curves, subsampled to at most 200 points
    const std::size_t step = std::max<std::size_t>(1, h.size() / 200);
    const auto plot = [&](const char* name, auto value) {
      curve.clear();
      for (std::size_t i = 0; i < h.size(); i += step) curve.push_back(static_cast<float>(value(h[i])));
      ImGui::PlotLines(name, curve.data(), static_cast<int>(curve.size()), 0, nullptr, FLT_MAX, FLT_MAX,
                       ImVec2(0, 2.5f * ImGui::GetFontSize()));
    };
    plot("loss", [](const EpochReport& r) { return r.loss; });
    plot("log10 interp.", [](const EpochReport& r) { return std::log10(std::max(r.interpolation, 1e-12)); });
    plot("cost", [](const EpochReport& r) { return r.cost; });
  }
  if (plain && !t.probes.empty()) {
    const Training::Probe& p = t.probes.back();
    ImGui::Text("sharpness %.4g   2/lr %.4g", p.sharpness, 2.0 / c.state.lr);
    sharpness_chart(t.probes, c.state.lr);
    if (std::isfinite(p.memorized)) {
      ImGui::TextWrapped("memorization %.0f%%: of a probe flow with the network as it stands, the share ending at training points",
                         100 * p.memorized);
      curve.clear();
      for (const auto& q : t.probes) curve.push_back(static_cast<float>(std::isfinite(q.memorized) ? q.memorized : 0.0));
      ImGui::PlotLines("##memorized", curve.data(), static_cast<int>(curve.size()), 0, nullptr, 0.0f, 1.0f,
                       ImVec2(ImGui::GetContentRegionAvail().x, 2.5f * ImGui::GetFontSize()));
    }
  }
  ImGui::Checkbox("show the units' boundaries", &c.state.show_relu), c.widgets.explain("show the units' boundaries");
}

}  // namespace flowlab::app

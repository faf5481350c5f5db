// The trained denoiser's panel: its settings, its progress, its loss and cost curves and, for gd and
// sgd, the sharpness against the 2/lr it must stay under and the memorization of a probe flow.
// It reads the Simulation's numbers; it computes nothing itself.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chart.hpp"
#include "panels.hpp"

namespace flowlab::app {
namespace {
// Defaults worth starting from when the method changes (Adam's step is far too small for plain gd).
double default_lr(const std::string& trainer) { return trainer == "gd" || trainer == "sgd" ? 0.05 : trainer == "adam" ? 1e-2 : 3e-3; }

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
  if (c.state.flow == "pf" || c.state.flow == "sde") c.widgets.slider_int("noise levels", c.state.levels, 1, 8), c.widgets.explain("noise levels");
  if (c.sim.data().rows() >= 16) {  // images: thousands of weights a unit, trained in 8-ms slices
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("In d = %d the page trains in slices of each frame: minutes. The command line trains the same "
                       "networks on every core: flowlab experiment digits --denoiser trained (or flowlab train).",
                       static_cast<int>(c.sim.data().rows()));
    ImGui::PopStyleColor();
  }
  const Training& t = c.sim.training();
  if (!t.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", t.error.c_str());
  char label[96];
  const int epoch = t.trainer ? t.trainer->epoch() : 0;
  std::snprintf(label, sizeof label, "level %d/%d  sigma %.3g  epoch %d/%d", t.level + 1, static_cast<int>(t.sigmas.size()),
                t.sigmas.empty() ? 0.0 : t.sigmas[static_cast<std::size_t>(t.level)], epoch, c.state.epochs);
  ImGui::ProgressBar(static_cast<float>(t.progress()), ImVec2(-1, 0), t.finished ? "trained" : label);
  {  // where each noise level starts, marked on the progress bar
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    for (std::size_t k = 1; k < t.sigmas.size(); ++k) {
      const float x = lo.x + (hi.x - lo.x) * static_cast<float>(k) / static_cast<float>(t.sigmas.size());
      ImGui::GetWindowDrawList()->AddLine(ImVec2(x, lo.y), ImVec2(x, hi.y), IM_COL32(255, 200, 120, 220), 1.5f);
    }
  }
  if (!t.finished) {  // nothing to pause once trained
    if (ImGui::Button(c.sim.training_paused() ? "Resume training" : "Pause training")) c.commands.toggle_training = true;
    ImGui::SameLine();
  }
  if (ImGui::Button("Download model")) c.commands.model = true;
  if (t.trainer && !t.trainer->history().empty()) {
    const auto& h = t.trainer->history();
    const EpochReport& last = h.back();
    ImGui::Text("loss %.4g  interpolation %.3g  cost %.5g", last.loss, last.interpolation, last.cost);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Each noise level trains its own network, starting from the last one's weights (the marks on "
                       "the bar): the curves are this level's, and the loss starts afresh at each level, so a jump "
                       "from one level to the next is not divergence.");
    ImGui::PopStyleColor();
    // the curves, subsampled to at most 200 points, against the level's epochs
    const std::size_t step = std::max<std::size_t>(1, h.size() / 200);
    const auto plot = [&](const char* id, const char* y_label, auto value) {
      curve.clear();
      for (std::size_t i = 0; i < h.size(); i += step) curve.push_back(static_cast<float>(value(h[i])));
      ChartAxes axes;
      axes.x0 = h.front().epoch, axes.x1 = h[(curve.size() - 1) * step].epoch;
      axes.x_label = "epoch of this level";
      axes.fit_y = true;
      axes.y_label = y_label;
      draw_chart(id, axes, {{&curve, IM_COL32(120, 190, 255, 255)}}, 3.5f);
    };
    plot("##loss", "loss", [](const EpochReport& r) { return r.loss; });
    plot("##interp", "log10 of the largest |h(y) - x| over the samples", [](const EpochReport& r) {
      return std::log10(std::max(r.interpolation, 1e-12));
    });
    plot("##cost", "representation cost", [](const EpochReport& r) { return r.cost; });
  }
  if (plain && !t.probes.empty()) {
    const Training::Probe& p = t.probes.back();
    ImGui::Text("sharpness %.4g   2/lr %.4g", p.sharpness, 2.0 / c.state.lr);
    // lambda_max with the line 2/lr across: the bound it climbs to (progressive sharpening), then hugs
    curve.clear();
    std::vector<float>& epochs = c.widgets.plot_x_buffer();  // the probes' epochs: they are not evenly spaced
    epochs.clear();
    for (const auto& q : t.probes) curve.push_back(static_cast<float>(q.sharpness)), epochs.push_back(static_cast<float>(q.epoch));
    ChartAxes axes;
    axes.x0 = t.probes.front().epoch, axes.x1 = t.probes.back().epoch;
    axes.x_label = "epoch (all levels)";
    axes.fit_y = true;
    axes.y_label = "sharpness, largest eigenvalue of the loss's Hessian";
    axes.bound = 2.0 / c.state.lr, axes.bound_label = "2/lr";
    draw_chart("##sharpness", axes, {{&curve, IM_COL32(120, 190, 255, 255), &epochs}}, 4.5f);
    if (std::isfinite(p.memorized)) {
      ImGui::TextWrapped("memorization %.0f%%: of a probe flow with the network as it stands, the share whose denoised samples are training points",
                         100 * p.memorized);
      curve.clear();
      for (const auto& q : t.probes) curve.push_back(static_cast<float>(std::isfinite(q.memorized) ? q.memorized : NAN));
      ChartAxes mem;
      mem.x0 = t.probes.front().epoch, mem.x1 = t.probes.back().epoch;
      mem.x_label = "epoch (all levels)";
      mem.y_label = "fraction at training points";
      draw_chart("##memorized", mem, {{&curve, IM_COL32(255, 159, 28, 255), &epochs}}, 3.5f);
    }
  }
  ImGui::Checkbox("show the units' boundaries", &c.state.show_relu), c.widgets.explain("show the units' boundaries");
}

}  // namespace flowlab::app

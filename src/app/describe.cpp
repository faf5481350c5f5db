#include "describe.hpp"

#include <cstdio>
#include <iterator>

#include "app/colors.hpp"
#include "app/presets.hpp"
#include "app/share_link.hpp"

namespace flowlab::app {

int matching_preset(const AppState& s) {
  static const std::initializer_list<const char*> scene = {"preset", "n", "d", "angle", "length", "per", "dseed", "pts",
                                                           "den", "bw", "sbs", "denb", "flow", "sigma", "smax", "smin"};
  const std::string here = fragment_of(s, scene);
  for (int i = 0; i < static_cast<int>(std::size(kPresets)); ++i)
    if (fragment_of(from_fragment(kPresets[i].link).state, scene) == here) return i;
  return -1;
}

std::string scene_sentence(const AppState& s) {
  char sigma[96];
  std::string den = std::string("the ") + denoiser_label(s.denoiser);
  if (s.side_by_side) den += std::string(" (left) and the ") + denoiser_label(s.denoiser_b) + " (right)";
  if (s.inverse)
    return "Particles sample x given one noisy measurement of it (the yellow line): the " +
           std::string(label_of(kSamplerChoices, s.method)) + " sampler with " + den +
           " as the prior; the discs are the exact posterior, the rings where the samples end.";
  const bool graded = s.flow == "pf" || s.flow == "sde";
  if (graded) std::snprintf(sigma, sizeof sigma, "from noise at sigma = %.3g down to sigma = %.3g", s.sigma_max, s.sigma_min);
  else std::snprintf(sigma, sizeof sigma, "at a fixed noise level sigma = %.3g", s.sigma);
  return "Particles follow the " + std::string(label_of(kFlowChoices, s.flow)) + " of " + den + " " + sigma +
         "; each is coloured by where it ends: at a training point (memorized), or elsewhere.";
}

const std::string& Describer::title(const AppState& s, int preset) const {
  if (!s.caption.empty()) return s.caption;
  const std::string key = to_fragment(s) + "#" + std::to_string(preset);
  if (key == key_) return title_;  // an embedded scene asks every frame: the presets are compared once per state
  key_ = key;
  const int p = preset >= 0 ? preset : matching_preset(s);
  if (p >= 0) return title_ = kPresets[p].name;
  title_ = s.preset + " data, " + denoiser_label(s.denoiser);
  if (s.side_by_side) title_ += std::string(" vs ") + denoiser_label(s.denoiser_b);
  return title_;
}

std::string Describer::summary(const AppState& s, const Simulation& sim, int preset) const {
  const Eigen::MatrixXd& X = sim.data();
  const char* flow = label_of(kFlowChoices, s.flow);
  char head[256];
  std::snprintf(head, sizeof head, "%s. %d training points in %d dimensions; %s, %d particles.", title(s, preset).c_str(),
                static_cast<int>(X.cols()), static_cast<int>(X.rows()), flow, s.particles);
  std::string out = head;
  for (int p = 0; p < sim.panes(); ++p) {
    const Pane& pane = sim.pane(p);
    out += std::string(" ") + denoiser_label(pane.denoiser_name) + (sim.done() ? ", at the end:" : ", running:");
    for (EndClass c : sim.classes()) {
      char part[64];
      std::snprintf(part, sizeof part, " %s %.0f%%,", class_label(c), 100 * pane.classes.fraction(c));
      out += part;
    }
    out.back() = '.';
  }
  return out;
}

}  // namespace flowlab::app

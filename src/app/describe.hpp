#pragma once
// The scene in words: its title (the caption, the preset's name, or the data and denoiser) and a
// summary for screen readers (data, denoiser, flow, and the classes once done).
#include <string>

#include "app/simulation.hpp"
#include "app/state.hpp"

namespace flowlab::app {

// The preset whose scene this state is, or -1.
int matching_preset(const AppState& s);
// One sentence of what the scene shows: the particles, the flow, its noise levels and the denoiser.
std::string scene_sentence(const AppState& s);

class Describer {
 public:
  // `preset`: the preset last chosen (-1: none), named before any that merely matches.
  const std::string& title(const AppState& s, int preset) const;
  std::string summary(const AppState& s, const Simulation& sim, int preset) const;

 private:
  mutable std::string key_, title_;  // the title for the state it was made for
};

}  // namespace flowlab::app

#pragma once
// The particle colours by class: one table for the particles, the legend and
// the statistics bars, so what the page draws and what it labels agree.
#include <cstdint>

#include "app/choices.hpp"
#include "core/analysis/classify.hpp"
#include "render/plot.hpp"

namespace flowlab::app {

inline std::uint32_t class_color(EndClass c) {
  using render::rgba;
  switch (c) {
    case EndClass::training: return rgba(255, 159, 28);     // orange
    case EndClass::virtual_point: return rgba(231, 76, 160);  // magenta
    case EndClass::apex: return rgba(160, 160, 170);        // grey
    case EndClass::manifold: return rgba(46, 204, 150);     // green
    case EndClass::novel: return rgba(90, 170, 255);        // blue
    default: return rgba(200, 200, 210, 160);               // other: light grey
  }
}

// What each class means, for the legend.
inline const char* class_label(EndClass c) {
  switch (c) {
    case EndClass::training: return "training point";
    case EndClass::virtual_point: return "virtual point (a sum)";
    case EndClass::apex: return "apex";
    case EndClass::manifold: return "on the manifold";
    case EndClass::novel: return "novel (no training point near)";
    default: return "other";
  }
}

// A denoiser's name for people, in full (the scene's labels, the legend, the summary).
inline const char* denoiser_label(const std::string& kind) {
  if (kind == "minnorm") return "min-norm (closed form)";
  if (kind == "emmse") return "empirical MMSE";
  if (kind == "ksmooth") return "kernel-smoothed score";
  if (kind == "trained") return "trained network";
  return kind.c_str();
}

}  // namespace flowlab::app

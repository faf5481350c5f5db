#pragma once
// Small Dear ImGui helpers the panels share (std::string combos, double inputs and sliders).
#include <imgui.h>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace flowlab::app {

inline bool combo(const char* label, std::string& value, std::initializer_list<const char*> options) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.c_str())) {
    for (const char* o : options)
      if (ImGui::Selectable(o, value == o)) value = o, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

inline void input_double(const char* label, double& v, const char* fmt = "%.4g") {
  ImGui::InputDouble(label, &v, 0.0, 0.0, fmt);
}

inline bool slider(const char* label, double& v, double lo, double hi, const char* fmt) {
  return ImGui::SliderScalar(label, ImGuiDataType_Double, &v, &lo, &hi, fmt);
}

inline void input_seed(const char* label, std::uint64_t& seed) {
  int s = static_cast<int>(seed % 1000000);
  if (ImGui::InputInt(label, &s) && s >= 0) seed = static_cast<std::uint64_t>(s);
}

}  // namespace flowlab::app

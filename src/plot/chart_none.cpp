// The WASM build's figures: none. Cairo is a native library; the page draws its
// curves with ImGui and GL, and the WASM command-line tool writes the rows only.
#include "chart.hpp"

namespace flowlab::plot {

bool figures_available() { return false; }

Status write_chart(const std::string& path, const Chart&, const FigureOptions&) {
  return Error{path + ": this build cannot draw figures (they need Cairo, in the native build: "
                      "build/native-release/src/cli/flowlab); the rows are written without --plot"};
}

}  // namespace flowlab::plot

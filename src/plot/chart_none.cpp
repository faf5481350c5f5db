// The WASM build's figures: none. Cairo is a native library; the page draws its
// curves with ImGui and GL, and the WASM command-line tool writes the rows only.
#include "chart.hpp"
#include "image_grid.hpp"

namespace flowlab::plot {

bool figures_available() { return false; }

Status write_chart(const std::string& path, const Chart&, const FigureOptions&) {
  return Error{path + ": this build cannot draw figures (they need Cairo, in the native build: "
                      "build/native-release/src/cli/flowlab); the rows are written without --plot"};
}

std::pair<int, int> image_grid_size(const ImageGrid&) { return {0, 0}; }

Status write_image_grid(const std::string& path, const ImageGrid&, Theme) {
  return write_chart(path, Chart{}, FigureOptions{});
}

}  // namespace flowlab::plot

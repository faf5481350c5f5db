// libFuzzer: a sweep's plan text. The input is read as a cells.tsv (anything may be refused, nothing
// may crash), and its lines as --set and --grid texts: a plan made from them must write a cells.tsv
// that reads back to the same ids, values and commands (what every engine relies on).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sweep_plan.hpp"

using namespace flowlab::cli::sweep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)parse_cells_tsv(text, "fuzz");
  PlanRequest r;
  r.dir = "/plan", r.binary = "/bin/flowlab", r.cwd = "/work";
  r.command = {"experiment", "memorization", "--data", "rel/x y.csv"};
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size() && r.grid.size() < 4; ++i) {
    if (i < text.size() && text[i] != '\n') continue;
    const std::string line = text.substr(start, i - start);
    start = i + 1;
    if (line.rfind("set ", 0) == 0) {
      if (auto s = parse_setting(line.substr(4))) r.sets.push_back(s.value());
    } else if (auto a = parse_axis(line)) {
      if (a.value().values.size() <= 8) r.grid.push_back(a.value());
    }
  }
  auto p = make_plan(r);
  if (!p) return 0;
  auto back = parse_cells_tsv(cells_tsv(p.value()), "round trip");
  if (!back || back.value().keys != p.value().keys || back.value().cells.size() != p.value().cells.size()) std::abort();
  for (std::size_t c = 0; c < p.value().cells.size(); ++c) {
    const Cell &a = p.value().cells[c], &b = back.value().cells[c];
    if (a.id != b.id || a.values != b.values || a.command != b.command) std::abort();
  }
  return 0;
}

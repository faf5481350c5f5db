// libFuzzer: CSV text parses or fails with a message; what parses validates,
// writes and reads back bit for bit.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"

using namespace flowlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto m = parse_points_csv(text, "fuzz.csv");
  if (!m) {
    if (m.message().empty() || m.message().size() > 400) std::abort();
    return 0;
  }
  (void)validate_points(m.value());
  (void)closest_distance(m.value());
  std::ostringstream out;
  write_points_csv(out, m.value());
  auto back = parse_points_csv(out.str(), "round trip");
  if (!back || back.value().rows() != m.value().rows() || back.value().cols() != m.value().cols()) std::abort();
  for (Eigen::Index i = 0; i < m.value().size(); ++i)
    if (back.value().data()[i] != m.value().data()[i]) std::abort();
  return 0;
}

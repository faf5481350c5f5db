// libFuzzer: model JSON loads or fails with a message; a model that loads saves
// as valid JSON that loads to the same model and saves to the same text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/data/json.hpp"
#include "core/denoisers/trained.hpp"

using namespace flowlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)json::parse(text);
  auto m = model_from_json(text);
  if (!m) {
    if (m.message().empty()) std::abort();
    return 0;
  }
  const std::string saved = to_json(m.value());
  auto back = model_from_json(saved);
  if (!back || to_json(back.value()) != saved) std::abort();
  return 0;
}

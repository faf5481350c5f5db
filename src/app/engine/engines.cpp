// The engines, in the order they are tried: a new engine is one line here.
#include "cpu_engine.hpp"
#include "gpu_engine.hpp"
#include "engine.hpp"

namespace flowlab::app {

std::vector<std::unique_ptr<Engine>> make_engines() {
  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(std::make_unique<GpuEngine>());  // gpu=1, d <= 4, Euler or Heun
  engines.push_back(std::make_unique<CpuEngine>());  // every scene
  return engines;
}

}  // namespace flowlab::app

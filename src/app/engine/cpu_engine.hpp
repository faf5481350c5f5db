#pragma once
// The core's flows, in this thread (the WASM page has one): the reference every other engine is
// measured against.
#include "engine.hpp"

namespace flowlab::app {

class CpuEngine : public Engine {
 public:
  const char* name() const override { return "cpu"; }
  bool accepts(const AppState&, const Simulation&) const override { return true; }
  void step(Simulation& sim, int steps, double budget_ms) override { sim.step(steps, budget_ms); }
};

}  // namespace flowlab::app

#pragma once
// How the particles move: an engine advances the flows of the Simulation's panes. engines.cpp
// lists the engines; the first that accepts the scene steps it, and the CPU engine accepts every
// scene. Another engine (the GPU's) is a new room and one line there.
#include <memory>
#include <string>
#include <vector>

#include "app/simulation.hpp"
#include "app/state.hpp"

namespace flowlab::app {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual const char* name() const = 0;  // "cpu", ...
  virtual bool accepts(const AppState& state, const Simulation& sim) const = 0;
  // Whether this engine can run on this page at all (the GPU's: WebGL2 has what it needs).
  virtual bool available() const { return true; }
  // `steps` flow steps, within about `budget_ms` milliseconds (the rest are left for later frames).
  virtual void step(Simulation& sim, int steps, double budget_ms) = 0;
  // Brings the Simulation's particles (and their classes) up to date with what this engine holds:
  // before another engine takes over the flows, and whenever the flows stand still (paused).
  virtual void sync(Simulation& /*sim*/) {}
  // Why this engine, asked for, cannot run (shown once as a notice); empty otherwise.
  virtual const std::string& notice() const {
    static const std::string none;
    return none;
  }
};

// Every engine, in the order they are tried.
std::vector<std::unique_ptr<Engine>> make_engines();

}  // namespace flowlab::app

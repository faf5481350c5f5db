#include "integrators.hpp"

namespace flowlab {

Result<Integrator> parse_integrator(const std::string& s) {
  if (s == "euler") return Integrator::euler;
  if (s == "heun") return Integrator::heun;
  if (s == "rk4") return Integrator::rk4;
  if (s == "adaptive") return Integrator::adaptive;
  return Error{"unknown integrator '" + s + "' (expected euler, heun, rk4 or adaptive)"};
}

const char* to_string(Integrator i) {
  switch (i) {
    case Integrator::euler: return "euler";
    case Integrator::heun: return "heun";
    case Integrator::rk4: return "rk4";
    default: return "adaptive";
  }
}

int evaluations_per_step(Integrator i) {
  switch (i) {
    case Integrator::euler: return 1;
    case Integrator::heun: return 2;
    case Integrator::rk4: return 4;
    default: return 6;
  }
}

}  // namespace flowlab

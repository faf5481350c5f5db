#include "core/flows/integrators.hpp"

#include "core/runtime/enum_names.hpp"

namespace flowlab {

namespace {
const EnumTable<Integrator, 4> kIntegrators = {{Integrator::euler, "euler"}, {Integrator::heun, "heun"},
                                               {Integrator::rk4, "rk4"}, {Integrator::adaptive, "adaptive"}};
}  // namespace

Result<Integrator> parse_integrator(const std::string& s) { return parse_enum(s, kIntegrators, "integrator"); }
const char* to_string(Integrator i) { return enum_name(i, kIntegrators); }

int evaluations_per_step(Integrator i) {
  switch (i) {
    case Integrator::euler: return 1;
    case Integrator::heun: return 2;
    case Integrator::rk4: return 4;
    default: return 6;
  }
}

}  // namespace flowlab

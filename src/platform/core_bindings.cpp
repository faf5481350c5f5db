// A C API over the core for the web page: each call returns text (CSV or an
// "error: ..." line) that stays valid until the next call.
#include <emscripten/emscripten.h>

#include <sstream>
#include <string>

#include "core/data/csv.hpp"
#include "core/analysis/experiment.hpp"

namespace {
std::string g_result;
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* flowlab_version() { return "flowlab 0.1.0"; }

// P1's orthogonal experiment; flow 0 = score, 1 = pf. Non-positive sigmas pick the defaults.
EMSCRIPTEN_KEEPALIVE const char* flowlab_experiment(int n, int d, int inits, int flow, double sigma_max,
                                                    double sigma_min, int steps, double seed) {
  using namespace flowlab;
  OrthogonalExperiment e;
  e.n = n;
  e.d = d;
  e.inits = inits;
  e.seed = static_cast<std::uint64_t>(seed);
  e.flow.kind = flow == 0 ? FlowKind::score : FlowKind::pf;
  e.flow.sigma = 0;
  e.flow.sigma_max = sigma_max;
  e.flow.steps = steps;
  const FlowOptions resolved = resolve_flow_defaults(e.flow, e.denoiser, d > 0 ? d : n, 1.0);
  e.flow.sigma_min = sigma_min > 0 ? sigma_min : resolved.sigma_max * 1e-3;
  auto r = run_orthogonal_experiment(e);
  if (!r) return (g_result = "error: " + r.message()).c_str();
  const auto& c = r.value().result;
  std::ostringstream out;
  out << "training,virtual,apex,manifold,other\n";
  const EndClass cols[] = {EndClass::training, EndClass::virtual_point, EndClass::apex, EndClass::manifold,
                           EndClass::other};
  for (int i = 0; i < 5; ++i) out << (i ? "," : "") << format_number(c.fraction(cols[i]));
  out << '\n';
  g_result = out.str();
  return g_result.c_str();
}
}

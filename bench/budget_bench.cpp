// Calibrates the page's budget (src/app/budget_fit.hpp): for states over it (the
// links of issue 13, fitted) and the presets, the estimated flops of one flow step
// and one training epoch against their measured time, and the rate they imply.
// The page's kFrameFlops assumes the slowest rate seen under WebAssembly.
// usage: budget_bench [repeats]      (natively, or under Node for the WASM build)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "app/budget_fit.hpp"
#include "app/presets.hpp"
#include "app/share_link.hpp"
#include "app/simulation.hpp"
#include "timing.hpp"

using flowlab::bench::Clock;
using flowlab::bench::median;
using flowlab::bench::ms_since;

int main(int argc, char** argv) {
  using namespace flowlab::app;
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  std::vector<std::pair<const char*, std::string>> links = {
      {"clusters 256x256 d=64", "preset=clusters&n=256&per=256&d=64"},
      {"np=200000 d=64", "np=200000&d=64&preset=orthogonal&n=3"},
      {"ksmooth 1024 nodes", "preset=clusters&n=16&per=16&d=64&den=ksmooth&nodes=1024&np=200000"},
      {"rk4 np=200000", "np=200000&steps=100000&speed=1000&integ=rk4"},
      {"emmse 256 points", "preset=clusters&n=16&per=16&d=8&den=emmse&np=200000"},
      {"trained K=1024 M=10000", "preset=clusters&n=4&per=4&den=trained&K=1024&M=10000&np=200000"},
  };
  for (const auto& p : kPresets) links.push_back({p.name, p.link});
  std::printf("%-44s %9s %10s %9s %12s %10s %9s %12s\n", "state (fitted)", "particles", "step Mflop", "step ms",
              "Mflop/ms", "epoch Mflop", "epoch ms", "Mflop/ms");
  for (const auto& [name, link] : links) {
    const AppState s = from_fragment(link).state;
    Simulation sim;
    sim.apply(s);
    std::vector<double> steps, epochs;
    sim.step(1);
    for (int r = 0; r < repeats; ++r) {
      auto t0 = Clock::now();
      sim.step(1);
      steps.push_back(ms_since(t0));
    }
    if (s.uses("trained"))
      for (int r = 0; r < repeats; ++r) {
        auto t0 = Clock::now();
        sim.train(0.0);  // one epoch
        epochs.push_back(ms_since(t0));
      }
    const double sf = step_cost(s).flops / 1e6, ef = epoch_cost(s).flops / 1e6;
    const double sm = median(steps), em = median(epochs);
    std::printf("%-44.44s %9d %10.2f %9.2f %12.2f %10.2f %9.2f %12.2f\n", name, s.particles, sf, sm, sf / sm, ef, em,
                em > 0 ? ef / em : 0.0);
  }
  return 0;
}

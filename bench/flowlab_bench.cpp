// Times P1's experiment in-process (no start-up): orthogonal data N = d,
// M particles, probability flow with the closed-form min-norm denoiser, Heun,
// K steps. Prints the median over repeats, particle-steps per second and the
// floating-point rate of the denoiser's two products (4 d N flops per
// particle per evaluation, the clamp not counted).
// usage: flowlab_bench [N] [M] [K] [repeats] [minnorm|emmse|decoupled] [threads (0: every core)]
// (decoupled: the closed form integrated per coordinate, decoupled_flow.hpp; threads over the coordinates)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/analysis/experiment.hpp"

int main(int argc, char** argv) {
  using namespace flowlab;
  const int n = argc > 1 ? std::atoi(argv[1]) : 30;
  const int m = argc > 2 ? std::atoi(argv[2]) : 500;
  const int k = argc > 3 ? std::atoi(argv[3]) : 200;
  const int repeats = argc > 4 ? std::atoi(argv[4]) : 7;
  OrthogonalExperiment e;
  const std::string kind = argc > 5 ? argv[5] : "minnorm";
  e.denoiser.kind = kind == "decoupled" ? "minnorm" : kind;
  e.decoupled = kind == "decoupled";  // the closed form's exact per-coordinate path
  e.threads = argc > 6 ? std::atoi(argv[6]) : 0;
  e.n = n;
  e.inits = m;
  e.flow.kind = FlowKind::pf;
  e.flow.integrator = Integrator::heun;
  e.flow.steps = k;
  e.flow.sigma_max = 0;
  e.flow.sigma_min = 1e-4;
  std::vector<double> seconds;
  long evaluations = 0;
  Classification classes;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto row = run_orthogonal_experiment(e);
    const auto t1 = std::chrono::steady_clock::now();
    if (!row) {
      std::fprintf(stderr, "error: %s\n", row.message().c_str());
      return 1;
    }
    evaluations = row.value().report.evaluations;
    classes = row.value().result;
    seconds.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  const double particle_evals = static_cast<double>(evaluations) * m;
  std::printf("flowlab %s experiment orthogonal N=d=%d M=%d K=%d heun, %d thread(s): median %.4f s (min %.4f, max %.4f, "
              "%d runs)\n", kind.c_str(), n, m, k, e.threads > 0 ? e.threads : available_threads(), median,
              seconds.front(), seconds.back(), repeats);
  // The rate of the best run as well: what the loop can do, to compare with a peak (also a best of runs).
  std::printf("  %.3g particle-evaluations/s, %.2f GFLOP/s in the denoiser products (best run: %.2f best GFLOP/s); "
              "training %.3f virtual %.3f manifold %.3f other %.3f\n",
              particle_evals / median, particle_evals * 4.0 * n * n / median * 1e-9,
              particle_evals * 4.0 * n * n / seconds.front() * 1e-9, classes.fraction(EndClass::training),
              classes.fraction(EndClass::virtual_point), classes.fraction(EndClass::manifold),
              classes.fraction(EndClass::other));
  return 0;
}

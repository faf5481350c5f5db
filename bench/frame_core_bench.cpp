// The core's share of one simulator frame, in-process: one flow step (pf,
// Heun) and one classification of P particles on the app's default data (a
// right triangle in 2-D), for each denoiser. Run natively and under Node
// (WASM) to see what the browser's frame budget goes to.
// usage: frame_core_bench [repeats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/analysis/classify.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/factory.hpp"
#include "core/flows/flow.hpp"
#include "core/data/rng.hpp"
#include "timing.hpp"

using flowlab::bench::Clock;
using flowlab::bench::median;
using flowlab::bench::ms_since;

int main(int argc, char** argv) {
  using namespace flowlab;
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 15;
  const Eigen::MatrixXd X = make_simplex({2, 2, 90.0, 1.0, false, 1}).value().points;
  const Classifier classifier = Classifier::create(X, 0.2).value();
  std::printf("particles  denoiser  step ms  classify ms\n");
  for (int np : {10000, 50000, 200000}) {
    Eigen::MatrixXd Y0(2, np);
    Rng rng(1);
    rng.fill_normal(Y0);
    Y0 = (0.5 * Y0).colwise() + X.rowwise().mean();
    for (const char* kind : {"minnorm", "emmse", "ksmooth"}) {
      DenoiserSpec spec;
      spec.kind = kind;
      spec.bandwidth = 0.05;
      spec.nodes = 32;
      auto den = make_denoiser(X, spec).value();
      FlowOptions opt;
      opt.sigma_max = 0.2;  // the app's defaults
      opt.steps = 100000;   // every timed step is an interior one
      Eigen::MatrixXd Y = Y0;
      auto flow = Flow::create(*den, opt, np).value();
      flow.step(Y);  // warm the workspace
      std::vector<double> step, cls;
      for (int r = 0; r < repeats; ++r) {
        auto t0 = Clock::now();
        flow.step(Y);
        step.push_back(ms_since(t0));
        t0 = Clock::now();
        const Classification c = classifier.classify(Y);
        cls.push_back(ms_since(t0));
        if (c.classes.size() != static_cast<std::size_t>(np)) return 1;
      }
      std::printf("%9d  %-8s  %7.2f  %11.2f\n", np, kind, median(step), median(cls));
    }
  }
  return 0;
}

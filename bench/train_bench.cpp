// Times the trainer on P2's obtuse triangle (angle 120, unit edges, rho = 0.1):
// auglag, K = 64, M = 100 ball samples, 10 000 full-batch epochs, median of 3.
// Prints the time, microseconds per epoch, the first epochs whose cost is within
// 3% and 1% of the closed form's with interpolation error < 5e-3, and the final cost.
// With --dump DIR it also writes the samples, targets and initial weights, so
// bench/train_torch.py can run the same training from the same start.
// usage: train_bench [--dump DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/networks/trainer.hpp"

int main(int argc, char** argv) {
  using namespace flowlab;
  const Eigen::MatrixXd X = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
  TrainOptions o;
  o.sigma = 0.1, o.alpha = 1.0, o.width = 64, o.samples = 100, o.trainer = "auglag", o.epochs = 10000, o.lr = 3e-3;
  const double closed = MinNormDenoiser::create(X, 1.0).value().cost(0.1);
  if (argc == 3 && !std::strcmp(argv[1], "--dump")) {
    const auto t = Trainer::create(X, o).value();
    const ShallowNet n = t.raw_net();
    const std::string dir = argv[2];
    const auto save = [&](const char* name, const Eigen::MatrixXd& m) {
      std::ofstream f(dir + "/" + name);
      write_points_csv(f, m);  // one column per row: the file holds m's columns
    };
    save("samples.csv", t.samples());
    save("targets.csv", t.targets());
    save("W.csv", n.W.transpose());
    save("b.csv", n.b.transpose());
    save("A.csv", n.A);
    save("V.csv", n.V);
    save("c.csv", n.c);
  }
  std::vector<double> secs;
  int reached = -1, reached1 = -1;
  double cost = 0, interp = 0;
  for (int r = 0; r < 3; ++r) {
    auto t = Trainer::create(X, o).value();
    const auto t0 = std::chrono::steady_clock::now();
    t.run(o.epochs);
    secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    reached = reached1 = -1;
    for (const auto& h : t.history()) {
      if (reached < 0 && h.cost <= 1.03 * closed && h.interpolation < 5e-3) reached = h.epoch;
      if (reached1 < 0 && h.cost <= 1.01 * closed && h.interpolation < 5e-3) reached1 = h.epoch;
    }
    cost = t.net().representation_cost();
    interp = t.history().back().interpolation;
  }
  std::sort(secs.begin(), secs.end());
  std::printf("flowlab trainer: %d epochs in %.3f s (median of 3), %.1f us/epoch; first within 3%% / 1%% of the "
              "closed-form cost (interpolation < 5e-3) at epoch %d / %d; final cost %.4f (closed form %.4f), "
              "interpolation %.2g\n",
              o.epochs, secs[1], secs[1] / o.epochs * 1e6, reached, reached1, cost, closed, interp);
  return 0;
}

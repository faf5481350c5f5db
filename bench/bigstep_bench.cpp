// Times plain gradient descent and the sharpness on the bigstep experiment's 1-D problem: five
// points in [-1, 1], sigma = 0.06, K = 64, M = 50 Gaussian samples (S = 250), lr = 0.05, 20 000
// epochs. Prints microseconds per epoch, microseconds per Hessian-vector product (the median of
// 3 power iterations of 200 products at the final weights) and lambda_max. With --dump DIR it also
// writes the samples, targets, initial and final weights, so bench/bigstep_torch.py can run the
// same epochs and the same products (torch.autograd.functional.hvp) from the same weights.
// usage: bigstep_bench [--dump DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/data/csv.hpp"
#include "core/networks/hessian.hpp"
#include "core/networks/trainer.hpp"

namespace {
using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void dump(const std::string& dir, const std::string& tag, const flowlab::ShallowNet& n) {
  const auto save = [&](const std::string& name, const Eigen::MatrixXd& m) {
    std::ofstream f(dir + "/" + tag + name);
    flowlab::write_points_csv(f, m);  // one column per row: the file holds m's columns
  };
  save("W.csv", n.W.transpose());
  save("b.csv", n.b.transpose());
  save("A.csv", n.A);
  save("V.csv", n.V);
  save("c.csv", n.c);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace flowlab;
  const Eigen::MatrixXd X{{-1.0, -0.5, 0.0, 0.5, 1.0}};
  TrainOptions o;
  o.trainer = "gd", o.lr = 0.05, o.lambda = 0, o.sigma = 0.06, o.width = 64, o.samples = 50, o.epochs = 20000;
  const bool dumping = argc == 3 && !std::strcmp(argv[1], "--dump");
  std::vector<double> epoch_secs;
  Trainer last = Trainer::create(X, o).value();
  for (int r = 0; r < 3; ++r) {
    auto t = Trainer::create(X, o).value();
    if (dumping && r == 0) {
      std::ofstream fs(std::string(argv[2]) + "/samples.csv"), ft(std::string(argv[2]) + "/targets.csv");
      write_points_csv(fs, t.samples());
      write_points_csv(ft, t.targets());
      dump(argv[2], "init_", t.raw_net());
    }
    const auto t0 = Clock::now();
    t.run(o.epochs);
    epoch_secs.push_back(seconds(t0));
    last = std::move(t);
  }
  if (dumping) dump(argv[2], "final_", last.raw_net());
  auto H = LossHessian::create(last.samples(), last.targets(), o.width, 0.0).value();
  const Eigen::VectorXd theta = H.pack(last.raw_net());
  std::vector<double> hvp_secs;
  Sharpness s;
  for (int r = 0; r < 3; ++r) {
    Eigen::VectorXd v;  // the same fixed start each time: 200 products, no early stop
    const auto t0 = Clock::now();
    s = sharpness(H, theta, v, 200, 0.0);
    hvp_secs.push_back(seconds(t0) / s.iterations);
  }
  std::sort(epoch_secs.begin(), epoch_secs.end());
  std::sort(hvp_secs.begin(), hvp_secs.end());
  std::printf("flowlab: gd %d epochs in %.3f s (median of 3), %.2f us/epoch, final loss %.4g; "
              "Hessian-vector product %.2f us (median of 3 x %d); sharpness %.6g (2/lr %.4g)\n",
              o.epochs, epoch_secs[1], epoch_secs[1] / o.epochs * 1e6, last.history().back().loss, hvp_secs[1] * 1e6,
              s.iterations, s.value, 2 / o.lr);
  return 0;
}

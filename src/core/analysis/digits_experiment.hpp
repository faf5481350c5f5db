#pragma once
// Memorization on handwritten digits (d = 64): for each N and denoiser, samples drawn from
// Gaussian noise through the flow to sigma_min, and the share memorized by Gu et al.'s criterion
// (nearest training image closer than R times the second-nearest), with a 95% Wilson interval.
// The empirical MMSE denoiser memorizes; the kernel-smoothed score (arXiv:2505.22841) less so.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/analysis/classify.hpp"
#include "core/flows/flow.hpp"
#include "core/networks/trainer.hpp"

namespace flowlab {

struct DigitsExperiment {
  std::vector<int> ns = {20, 100};
  std::vector<std::string> denoisers = {"emmse", "ksmooth"};  // emmse, ksmooth (one row per bandwidth), trained
  std::vector<double> bandwidths = {0.5};
  std::vector<int> classes;     // empty: all ten
  int samples = 200;
  FlowKind flow = FlowKind::pf;  // pf or sde
  double sigma_max = 3.0;       // the noise the samples start from (about the images' spread)
  double sigma_min = 0.01;
  int steps = 100;
  int nodes = 16;               // ksmooth: quadrature nodes
  // trained: the min-norm network (auglag: interpolate the samples at least cost) trained as
  // `flowlab train` trains it, one network per level on `levels` levels geometric from sigma_max
  // down to sigma_min, each warm-started from the one above. The row's time includes the training.
  TrainOptions train = [] {
    TrainOptions o;
    o.trainer = "auglag", o.lr = 3e-3, o.width = 64, o.samples = 20, o.epochs = 1000;
    return o;
  }();
  int levels = 6;
  double ratio = kMemorizationRatio;
  std::uint64_t seed = 1;       // the images drawn (make_digits) and the noise
  int threads = 0;
};

struct DigitsRow {
  int n = 0;
  std::string denoiser;
  double bandwidth = 0;         // ksmooth; 0 otherwise
  double interpolation = 0;     // trained: the largest interpolation error over the levels (0 otherwise)
  int samples = 0;
  double memorized = 0, lo = 0, hi = 0;  // the share memorized and its 95% Wilson interval
  double mean_ratio = 0;
  double seconds = 0;           // the row's wall time
  Eigen::MatrixXd ends;         // 64 by samples: where the samples ended
  Eigen::MatrixXd data;         // 64 by N: the training images
  NearestRatio nearest;         // per sample: the nearest training image and the ratio
};

// The 95% Wilson score interval of k successes in n trials.
std::pair<double, double> wilson_interval(long k, long n);

Result<std::vector<DigitsRow>> run_digits_experiment(const DigitsExperiment& e,
                                                     const std::function<void(const DigitsRow&)>& row_done = {});

}  // namespace flowlab

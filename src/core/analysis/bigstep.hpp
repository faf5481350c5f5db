#pragma once
// `flowlab experiment bigstep`: the optimizer's side of memorization. A network is trained with
// plain gradient descent (or SGD) at each of a grid of step sizes eta, one network per noise
// level, for the same training time eta * epochs (so that small rates all approximate one
// gradient flow and differ from large ones only in what is stable for them). Per rate: the final
// loss, the sharpness lambda_max against 2/eta, the stability papers' smoothness measure, and where
// the probability flow run with those networks ends. The min-norm closed form and the empirical
// MMSE denoiser run the same flow as the two ends (Wu et al. 2025: large steps cannot reach the
// sharp, memorizing empirical score; Mulayoff et al. 2021, Nacson et al. 2023: stable minima are smooth).
//   1d:          N points evenly spaced in [-1, 1] (P2's setting); "manifold": between the first
//                and the last point, not at one;
//   orthogonal:  x_n = e_n, N = d (P1's setting), classified as in classify.hpp.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/analysis/classify.hpp"
#include "core/denoisers/denoiser.hpp"
#include "core/runtime/result.hpp"

namespace flowlab {

// Where the probability flow with `den` from sigma_max to sigma_min ends, from `inits` particles
// drawn (seeded) from the data X noised at sigma_max, and the classes of their denoised samples
// h_{sigma_min}(Y) (the flow stops at the last trained level, not near 0): the experiment's
// rows and the page's live memorization of the network in training.
struct FlowEnds {
  Eigen::MatrixXd Y;
  Eigen::MatrixXd samples;  // h_{sigma_min}(Y): what was classified
  Classification classes;
};
Result<FlowEnds> probe_flow(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& X, double sigma_max,
                            double sigma_min, int inits, int steps, double tol, std::uint64_t seed, int threads = 1);

struct BigStepOptions {
  std::string data = "1d";       // 1d or orthogonal
  int n = 5;                     // training points (orthogonal: N = d)
  std::vector<double> rates = {0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15};
  std::string trainer = "gd";    // gd or sgd
  int batch = 32;                // sgd
  double time = 600;             // eta * epochs per level, for every rate
  int max_epochs = 200000;       // per level, whatever the rate
  std::vector<double> sigmas = {0.5, 0.25, 0.12, 0.06, 0.03};  // the levels, decreasing: the flow runs from the first to the last
  int width = 64;
  int samples = 50;              // per training point and level
  double lambda = 0;             // weight decay
  int inits = 400;               // particles, drawn from the data noised at the first level
  int steps = 200;               // probability-flow steps
  double tol = kDefaultTolerance;  // classification tolerance
  int seeds = 1;                 // seeds seed .. seed + seeds - 1 (training and particles)
  std::uint64_t seed = 1;
  int threads = 0;               // over (rate, seed) pairs; results do not depend on it
};

Status validate(const BigStepOptions& o);

struct BigStepRow {
  std::string denoiser;          // trained, minnorm, emmse
  std::uint64_t seed = 0;
  double lr = NAN;               // trained rows
  int epochs = 0;                // per level
  std::string status = "ok";     // ok; diverged (training: only the rate and where are known);
                                 // flow_diverged (trained, but the flow with the networks blew up: no fractions)
  int diverged_level = -1, diverged_epoch = -1;
  double loss = NAN, sharpness = NAN, smoothness = NAN;  // the last level's
  double max_sharpness = NAN;    // the largest over the levels (each is bounded by 2/eta)
  double training = NAN, virtual_point = NAN, apex = NAN, manifold = NAN, other = NAN;
};

// The training data: d by N.
Eigen::MatrixXd bigstep_data(const BigStepOptions& o);

// Rows: per seed, the trained rates in order, then minnorm and emmse. `progress(done, total)`
// after each training run.
Result<std::vector<BigStepRow>> run_bigstep(const BigStepOptions& o,
                                            const std::function<void(int, int)>& progress = {});

}  // namespace flowlab

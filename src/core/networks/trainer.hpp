#pragma once
// Trains the shallow ReLU denoiser (shallow_net.hpp) for any data, as P1 and
// P2 did, where no closed form exists (acute simplexes, clusters, the user's
// points). Samples: M per training point at noise sigma, Gaussian
// y = x_n + sigma z (the papers' setting) or, with alpha > 0, uniform in the
// ball |y - x_n| <= alpha sigma (the closed forms' constraint, so the two can
// be compared exactly). Full-batch gradients, summed over chunks of samples
// (so memory stays bounded and an epoch can be split across frames); four methods:
//   adam:   minimise (1/S) sum_i |h(y_i) - x_i|^2 + lambda * 1/2 sum_k (|a_k|^2 + |w_k|^2)
//           (weight decay on a and w only; biases, V and c are free);
//   auglag: minimise the cost 1/2 sum_k (|a_k|^2 + |w_k|^2) subject to h(y_i) = x_i,
//           by Adam on the augmented Lagrangian C + (1/S) sum_i (l_i.r_i + mu/2 |r_i|^2),
//           updating the multipliers l_i += mu r_i every `inner` epochs (P1's method);
//   gd:     plain gradient descent theta -= lr grad on the adam objective (no momentum): the
//           optimizer whose stable minima have sharpness <= 2/lr (hessian.hpp);
//   sgd:    the same on minibatches of `batch` samples, reshuffled every epoch (an epoch is
//           ceil(S / batch) steps; the loss reported is the mean of the steps' batch losses).
// Deterministic: the same seed gives the same weights, natively and in WASM.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/networks/hessian.hpp"
#include "core/runtime/result.hpp"
#include "core/networks/shallow_net.hpp"

namespace flowlab {

struct TrainOptions {
  double sigma = 0.1;        // noise level of the samples
  double alpha = 0.0;        // > 0: samples uniform in the ball of radius alpha*sigma; 0: Gaussian
  int width = 64;            // K hidden units
  int samples = 100;         // M per training point
  std::string trainer = "adam";  // adam, auglag, gd, sgd
  double lambda = 1e-4;      // adam, gd, sgd: weight decay on (a, w)
  double lr = 1e-2;          // the step size (Adam's, or the plain step of gd and sgd)
  int batch = 32;            // sgd: samples per step
  int epochs = 5000;         // full-batch epochs (per noise level, for train_levels)
  bool resample = false;     // fresh samples every epoch instead of a fixed set
  bool skip = true;          // the free linear term V y + c; false: V = 0 and c = 0 throughout (units only)
  double mu = 1000.0;        // auglag: penalty weight, multiplied by mu_growth at each multiplier update
  double mu_growth = 1.5;
  double mu_max = 1e7;
  int inner = 200;           // auglag: epochs between multiplier updates
  // Samples per chunk of an epoch (0: all of them while their activations fit 64 MiB). An epoch is
  // the sum over its chunks, so a chunk can be one slice of a frame; one chunk gives the same bits.
  long chunk = 0;
  std::uint64_t seed = 1;
};

// Checks the options (K >= 1, lambda >= 0, finite positive learning rate, sigma > 0, ...).
Status validate(const TrainOptions& o);

struct EpochReport {
  int epoch = 0;
  double loss = 0;           // the objective being minimised
  double interpolation = 0;  // max_i |h(y_i) - x_i| over the samples
  double cost = 0;           // representation cost sum_k |a_k| |w_k| (the cost once rebalanced)
};

class Trainer {
 public:
  // X: d by #N training points. `warm` (optional) is where training starts
  // (its width must equal o.width), else a seeded initialisation.
  static Result<Trainer> create(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                const ShallowNet* warm = nullptr);
  // Up to `epochs` more epochs (never past o.epochs). False once finished or
  // stopped; status() says why it stopped if it diverged (the last good weights are kept).
  bool run(int epochs);
  // Up to `chunks` chunks of samples (an epoch ends with its last chunk): the page's time slices.
  bool run_chunks(int chunks);
  // One chunk; true when it ended an epoch.
  bool step_chunk();
  Eigen::Index chunks_per_epoch() const { return (Y_.cols() + chunk_size() - 1) / chunk_size(); }
  // How much of the current epoch is done, in [0, 1).
  double epoch_fraction() const { return static_cast<double>(chunk_) / static_cast<double>(chunks_per_epoch()); }
  bool done() const { return epoch_ >= opt_.epochs || !status_; }
  int epoch() const { return epoch_; }
  const Status& status() const { return status_; }
  const std::vector<EpochReport>& history() const { return history_; }
  // The current weights, rebalanced (|a_k| = |w_k|: the same function at its lowest cost), except
  // for gd and sgd, whose weights are kept as trained (their sharpness depends on the weights).
  ShallowNet net() const;
  // lambda_max of the loss's Hessian (hessian.hpp: (1/S) sum |h(y_i) - x_i|^2 plus the weight decay,
  // on the current samples) at the current weights; warm-started from the previous call's eigenvector.
  Sharpness sharpness(int max_iterations = 1000, double tol = 1e-6);
  // The stability papers' smoothness measure of the current network on the current samples.
  double smoothness() const;
  bool plain_steps() const { return opt_.trainer == "gd" || opt_.trainer == "sgd"; }
  // New data (the user edited the points): new samples, training goes on from the current weights.
  Status set_data(const Eigen::Ref<const Eigen::MatrixXd>& X);
  const TrainOptions& options() const { return opt_; }
  // For reference implementations (bench/): the samples, their targets (d by #S) and the raw weights.
  const Eigen::MatrixXd& samples() const { return Y_; }
  const Eigen::MatrixXd& targets() const { return T_; }
  ShallowNet raw_net() const { return unpack(theta_); }

 private:
  void draw_samples();
  Eigen::Index chunk_size() const;
  void accumulate_chunk(Eigen::Index s0, Eigen::Index n, bool first, double scale);
  double finish_objective(Eigen::Index count);
  void shuffle();
  bool diverged(double objective) const;
  bool sgd_step(Eigen::Index s0, Eigen::Index n);
  void finish_epoch(double objective);
  ShallowNet unpack(const Eigen::VectorXd& theta) const;
  double representation_cost() const;

  TrainOptions opt_;
  Eigen::MatrixXd X_;
  Eigen::MatrixXd Y_, T_;          // samples and their targets, d by #S
  Eigen::MatrixXd Yt_, Tt_;        // the same, #S by d (samples along the columns' length)
  Eigen::MatrixXd Lt_;             // auglag multipliers, #S by d
  Eigen::Index d_ = 0, K_ = 0;
  Eigen::VectorXd theta_, grad_, m_, v_, good_;  // [W | b | A | V | c] and Adam's moments
  Eigen::VectorXd eigvec_;                       // the sharpness's last eigenvector (a warm start)
  double epoch_loss_ = 0, first_loss_ = -1;      // sgd: the epoch's mean batch loss; the first epoch's loss
  Eigen::MatrixXd Z_, P_, H_, dH_;  // chunk by K pre-activations (then their gradient), activations;
                                     // #S by d residuals and their gradient
  Eigen::Index chunk_ = 0;           // the next chunk of the epoch
  double data_term_ = 0, max_residual_ = 0;  // the epoch's sums so far
  double mu_ = 0, beta1_t_ = 1, beta2_t_ = 1;
  int epoch_ = 0;
  std::uint64_t draws_ = 0;
  Status status_;
  std::vector<EpochReport> history_;
};

}  // namespace flowlab

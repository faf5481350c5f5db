#pragma once
// Inverse problems with these denoisers as priors. Measure y = A x + eta, eta ~ N(0, s^2 I), and
// sample x given y. With the empirical prior p(x) = (1/N) sum_n delta(x - x_n) the posterior is
// known: weight w_n ∝ exp(-|y - A x_n|^2 / (2 s^2)) on x_n. Its noised version at level sigma is
// the mixture sum_n w_n N(x_n, sigma^2 I), whose denoiser is the MMSE denoiser with the weights
// multiplied by the likelihood: sampling with it is exact (`exact`). The approximate samplers run
// the probability flow (Heun) or the reverse SDE (Euler–Maruyama) with the prior's denoiser h and,
// after each step from sigma to sigma':
//   dps:        x <- x - zeta grad_x |y - A h_sigma(x)|^2 = x + 2 zeta J^T A^T (y - A h_sigma(x)),
//               J the denoiser's Jacobian at the step's start (Chung et al. 2023);
//   projection: x <- x - A^+ (A x - y~), y~ = y + sigma' A z: the measured part replaced by the
//               measurement noised to the new level (score-SDE style, Song et al. 2022);
//   mcg:        the DPS step, then the projection (Chung, Sim, Ryu, Ye 2022).
// Start: noise, x = mean + sigma_max z (exact: the noised posterior itself, n ~ w, x_n + sigma_max z);
// or CCDF's estimate (Chung, Sim, Ye 2022), x = x_est + sigma_max z (x_est = A^+ y unless given),
// with a sigma_max far below the data's scale, so that few steps remain.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/denoisers/denoiser.hpp"
#include "core/denoisers/emmse.hpp"
#include "core/flows/flow.hpp"
#include "core/runtime/result.hpp"
#include "core/data/rng.hpp"
#include "core/flows/schedule.hpp"

namespace flowlab {

struct Measurement {
  Eigen::MatrixXd A;  // m by d: one row per measured quantity
  Eigen::MatrixXd y;  // m by 1 (every sample) or m by M (one measurement per sample)
  double noise = 0;   // s > 0
};
// Shapes (A's columns = d; y's rows = A's rows; y's columns 1 or `samples`), finite values, s > 0.
Status check_measurement(const Measurement& m, Eigen::Index d, Eigen::Index samples);

// The exact posterior weights, #N by y's columns (one column per measurement), each summing to 1.
Eigen::MatrixXd posterior_weights(const Eigen::Ref<const Eigen::MatrixXd>& X, const Measurement& m);

enum class InverseMethod { exact, dps, projection, mcg };
enum class InverseInit { noise, estimate };
Result<InverseMethod> parse_inverse_method(const std::string& s);
const char* to_string(InverseMethod m);
Result<InverseInit> parse_inverse_init(const std::string& s);
const char* to_string(InverseInit i);

struct InverseOptions {
  InverseMethod method = InverseMethod::dps;
  FlowKind flow = FlowKind::pf;  // pf or sde
  double sigma_max = 1.0, sigma_min = 1e-3;
  int steps = 200;
  Grid grid = Grid::edm;
  double step = 0.5;  // zeta: 0.5 undoes the whole residual in one step where J = I and A has orthonormal rows
  InverseInit init = InverseInit::noise;
  Eigen::Index samples = 1000;
  std::uint64_t seed = 1;
  int threads = 0;  // chunks of kExperimentChunk samples; the result does not depend on it
};
Status check_inverse_options(const InverseOptions& o);

struct InverseReport {
  int steps = 0;
  long evaluations = 0;  // denoiser evaluations per sample, Jacobian products included
};

// A batch of samples stepped one noise level at a time: the page steps it every frame, and
// sample_posterior runs one per chunk of samples.
class InverseSampler {
 public:
  // The batch is samples first .. first + count - 1 of a run: their measurements (and estimates)
  // are those columns where one per sample is given. `stream` seeds its noise.
  // The denoiser must outlive the sampler (the rest is copied).
  static Result<InverseSampler> create(const Eigen::Ref<const Eigen::MatrixXd>& X, const Denoiser& den,
                                       const Measurement& m, const InverseOptions& o,
                                       const Eigen::Ref<const Eigen::MatrixXd>& estimate, Eigen::Index first,
                                       Eigen::Index count, std::uint64_t stream);
  void start(Eigen::Ref<Eigen::MatrixXd> x);  // the starting points, d by count
  bool step(Eigen::Ref<Eigen::MatrixXd> x);   // one level down; false once done or failed
  bool done() const { return k_ + 1 >= grid_.size() || !status_; }
  double sigma() const { return grid_[std::min(k_, grid_.size() - 1)]; }
  double progress() const { return static_cast<double>(k_) / static_cast<double>(grid_.size() - 1); }
  const Status& status() const { return status_; }  // not ok once the samples stopped being finite
  long evaluations_per_step() const;

 private:
  InverseSampler() = default;
  void denoise(const Eigen::MatrixXd& at, double s, Eigen::MatrixXd& into);
  const Denoiser* den_ = nullptr;
  InverseOptions o_;
  Eigen::Index count_ = 0;
  Eigen::VectorXd mean_;
  std::vector<double> grid_;
  std::size_t k_ = 0;
  std::shared_ptr<const EmmseDenoiser> posterior_;  // exact: the MMSE denoiser of X, reweighted by logw_
  Eigen::MatrixXd A_, pinv_;
  Eigen::MatrixXd logw_, y_, start_;                 // this batch's columns (or one shared column)
  Eigen::MatrixXd xs_, h_, xe_, h2_, z_, g_, r_;  // sized once: a step allocates nothing
  Rng rng_{1};
  Workspace ws_;
  Status status_;
};

// d by o.samples. `den` is the prior's denoiser (unused by exact, which reweights the MMSE denoiser
// of X). `estimate`: d by 1 or d by samples, CCDF's start; empty: A^+ y. `cancel` (Python's Ctrl+C),
// when set, stops every chunk at its next level with the error "interrupted".
Result<Eigen::MatrixXd> sample_posterior(const Eigen::Ref<const Eigen::MatrixXd>& X, const Denoiser& den,
                                         const Measurement& m, const InverseOptions& o,
                                         const Eigen::Ref<const Eigen::MatrixXd>& estimate, InverseReport* report = nullptr,
                                         const std::atomic<bool>* cancel = nullptr);

// grad_x |y - A h_sigma(x)|^2 for each column of Xs (y: m by 1 or one column per x): what DPS steps along.
Eigen::MatrixXd measurement_gradient(const Denoiser& den, const Eigen::Ref<const Eigen::MatrixXd>& Xs, double sigma,
                                     const Eigen::Ref<const Eigen::MatrixXd>& A, const Eigen::Ref<const Eigen::MatrixXd>& y);

// Where samples went, against the exact weights: a sample belongs to its nearest training point
// when within tau times the smallest distance between two training points, else to none.
struct PosteriorFit {
  Eigen::VectorXd share;  // per training point: the fraction of samples at it
  Eigen::VectorXd exact;  // the exact weights (averaged over the measurements)
  double off = 0;         // the fraction at no training point (on the manifold or elsewhere)
  double tv = 0;          // total variation: (sum_n |share_n - exact_n| + off) / 2
};
PosteriorFit posterior_fit(const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& samples,
                           const Eigen::Ref<const Eigen::MatrixXd>& weights, double tau = 0.2);
// The same from each sample's training point (0-based; -1: none), as a classifier assigned them.
PosteriorFit posterior_fit(const std::vector<int>& assignment, const Eigen::Ref<const Eigen::MatrixXd>& weights);

}  // namespace flowlab

#pragma once
// Trained networks as denoisers: one network per noise level (a probability
// flow needs h_sigma at every sigma of its grid), trained level after level
// with each warm-started from the previous one; saved and loaded as JSON so the
// web app can ship pre-trained presets and users can download what they trained.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/denoisers/denoiser.hpp"
#include "core/networks/trainer.hpp"

namespace flowlab {

struct TrainedModel {
  std::vector<double> sigmas;      // the noise levels, strictly decreasing
  std::vector<ShallowNet> nets;    // one per level, rebalanced
  TrainOptions options;            // how they were trained (sigma: the first level)
  std::vector<EpochReport> last;   // per level: the last epoch's report
  // Per level, for gd and sgd (NaN for the other trainers): lambda_max of the loss's Hessian at the
  // final weights, and the stability papers' smoothness measure (hessian.hpp).
  std::vector<double> sharpness, smoothness;
};

// Where training diverged: the level (0-based) and the epoch; -1 while it has not.
struct TrainStop {
  int level = -1, epoch = -1;
};

// Trains a network per level, the first from `start` (its width must be o.width) or else from
// o.seed's initialisation, each next one from the previous weights. `progress(level, trainer)`
// is called every 100 epochs (may be empty; it may ask the trainer for its sharpness). When a
// level diverges the result is an error, and `stop` (if given) says where. Once `cancel` (if
// given) is set, training stops within 100 epochs with the error "interrupted".
Result<TrainedModel> train_levels(const Eigen::Ref<const Eigen::MatrixXd>& X, const TrainOptions& o,
                                  const std::vector<double>& sigmas,
                                  const std::function<void(int, Trainer&)>& progress = {},
                                  const ShallowNet* start = nullptr, TrainStop* stop = nullptr,
                                  const std::atomic<bool>* cancel = nullptr);

std::string to_json(const TrainedModel& m);
// Validates shapes, levels and finiteness; errors say what is wrong.
Result<TrainedModel> model_from_json(const std::string& text);

// h_sigma from the model: between two levels the outputs of their networks
// blend linearly in log sigma; beyond the ends the nearest level is used.
class TrainedDenoiser : public Denoiser {
 public:
  explicit TrainedDenoiser(std::shared_ptr<const TrainedModel> model);
  Eigen::Index dim() const override { return model_->nets.front().W.cols(); }
  std::string name() const override { return "trained"; }
  void apply(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, Eigen::Ref<Eigen::MatrixXd> H,
             Workspace& ws) const override;
  // The blend's Jacobian is the blend of the two networks' (t fixed by sigma).
  void vjp(const Eigen::Ref<const Eigen::MatrixXd>& Y, double sigma, const Eigen::Ref<const Eigen::MatrixXd>& V,
           Eigen::Ref<Eigen::MatrixXd> out, Workspace& ws) const override;
  DenoiserForm form(double sigma) const override;  // the blend of two levels as one network
  const TrainedModel& model() const { return *model_; }

 private:
  // h_sigma = (1 - t) net[upper] + t net[lower]; t = 0 (only `upper`) at a level and beyond the ends.
  struct Blend {
    std::size_t upper, lower;
    double t;
  };
  Blend blend(double sigma) const;
  std::shared_ptr<const TrainedModel> model_;
};

}  // namespace flowlab

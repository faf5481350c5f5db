// Plain (S)GD and the stability of its minima: the sharpness bound 2/eta, divergence, memorization
// against the step size (core/analysis/bigstep.hpp), and the same bits natively and in WebAssembly.
#include <cmath>
#include <cstring>
#include <map>

#include "core/analysis/bigstep.hpp"
#include "core/denoisers/trained.hpp"
#include "core/networks/trainer.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
const Eigen::MatrixXd kLine{{-1.0, -0.5, 0.0, 0.5, 1.0}};  // P2's setting: five points on a line

TrainOptions plain(const std::string& trainer, double lr, int epochs) {
  TrainOptions o;
  o.trainer = trainer;
  o.lr = lr;
  o.lambda = 0;
  o.width = 32;
  o.samples = 20;
  o.sigma = 0.12;
  o.epochs = epochs;
  return o;
}

std::uint64_t fingerprint(const ShallowNet& n, double extra) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the bytes
  const auto mix = [&h](const double* p, Eigen::Index count) {
    for (Eigen::Index q = 0; q < count; ++q) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, p + q, sizeof bits);
      h = (h ^ bits) * 1099511628211ull;
    }
  };
  mix(n.W.data(), n.W.size()), mix(n.b.data(), n.b.size()), mix(n.A.data(), n.A.size());
  mix(n.V.data(), n.V.size()), mix(n.c.data(), n.c.size()), mix(&extra, 1);
  return h;
}
}  // namespace

TEST_CASE("gd, sgd: at convergence the sharpness is at most 2/eta (within 5%) for every rate that converges") {
  for (const char* trainer : {"gd", "sgd"}) {
    int converged = 0, diverged = 0, at_the_edge = 0;
    for (double lr : {0.01, 0.03, 0.05, 0.08, 0.12, 0.5, 2.0}) {
      CAPTURE(std::string(trainer));
      CAPTURE(lr);
      TrainOptions o = plain(trainer, lr, static_cast<int>(std::ceil(200 / lr)));
      o.batch = 25;  // sgd: 4 steps per epoch
      auto t = Trainer::create(kLine, o).value();
      t.run(o.epochs);
      if (!t.status()) {
        ++diverged;
        continue;
      }
      ++converged;
      const Sharpness s = t.sharpness(3000, 1e-8);
      CHECK(s.converged);
      CHECK(s.value <= 1.05 * 2.0 / lr);
      at_the_edge += s.value >= 0.5 * 2.0 / lr;  // the bound is what holds the curvature down
    }
    CHECK(converged >= 4);
    CHECK(diverged >= 1);    // the grid reaches past the edge
    CHECK(at_the_edge >= 2);
  }
}

TEST_CASE("gd, sgd: above the rate that fails, training reports divergence and keeps the last good weights") {
  for (const char* trainer : {"gd", "sgd"}) {
    CAPTURE(std::string(trainer));
    TrainOptions o = plain(trainer, 1.0, 2000);
    auto t = Trainer::create(kLine, o).value();
    CHECK_FALSE(t.run(2000));
    REQUIRE_FALSE(t.status().is_ok());
    CHECK(t.status().message().find("diverged at epoch") != std::string::npos);
    const ShallowNet kept = t.raw_net();
    CHECK(kept.W.allFinite());
    CHECK(kept.A.allFinite());
    auto H = LossHessian::create(t.samples(), t.targets(), o.width, 0.0).value();
    Eigen::VectorXd g;
    CHECK(std::isfinite(H.gradient(H.pack(kept), g)));
    if (std::string(trainer) == "gd") {  // the weights of the last epoch whose loss was finite and bounded
      auto again = Trainer::create(kLine, o).value();
      again.run(t.epoch() - 1);
      CHECK(fingerprint(again.raw_net(), 0) == fingerprint(kept, 0));
    }
  }
}

TEST_CASE("bigstep: on 1-D data memorization falls as the learning rate grows, for every seed (Wu et al. 2025)") {
  BigStepOptions o;
  o.rates = {0.02, 0.05, 0.1};
  o.time = 300;
  o.samples = 20;
  o.seeds = 4;
  auto rows = run_bigstep(o);
  REQUIRE(rows);
  std::map<double, std::vector<double>> memorized;
  std::map<std::uint64_t, std::map<double, double>> per_seed;
  for (const auto& r : rows.value()) {
    CAPTURE(r.denoiser);
    CAPTURE(r.lr);
    if (r.denoiser == "emmse") CHECK(r.training >= 0.98);  // the memorizing end
    if (r.denoiser != "trained") continue;
    REQUIRE(r.status == "ok");
    CHECK(r.max_sharpness <= 1.05 * 2.0 / r.lr);  // every level is stable for its step
    CHECK(r.training + r.manifold + r.other == doctest::Approx(1.0));
    memorized[r.lr].push_back(r.training);
    per_seed[r.seed][r.lr] = r.training;
  }
  const auto mean = [](const std::vector<double>& v) {
    double t = 0;
    for (double x : v) t += x;
    return t / static_cast<double>(v.size());
  };
  MESSAGE("mean fraction at training points: eta 0.02 " << mean(memorized[0.02]) << ", 0.05 " << mean(memorized[0.05])
                                                        << ", 0.1 " << mean(memorized[0.1]));
  CHECK(mean(memorized[0.02]) > mean(memorized[0.05]));
  CHECK(mean(memorized[0.05]) > mean(memorized[0.1]));
  CHECK(mean(memorized[0.02]) - mean(memorized[0.1]) >= 0.2);
  for (const auto& entry : per_seed) {
    CAPTURE(entry.first);
    CHECK(entry.second.at(0.1) < entry.second.at(0.02));
  }
}

TEST_CASE("bigstep: a rate past the edge is reported as diverged, with where; bad options are refused") {
  BigStepOptions o;
  o.rates = {2.0};
  o.time = 20;
  o.samples = 10;
  o.inits = 20;
  auto rows = run_bigstep(o);
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 3);  // the rate, minnorm, emmse
  CHECK(rows.value()[0].status == "diverged");
  CHECK(rows.value()[0].diverged_level == 0);
  CHECK(std::isnan(rows.value()[0].training));
  o.rates = {-1};
  CHECK(run_bigstep(o).message().find("learning rates must be positive") != std::string::npos);
  o.rates = {0.1};
  o.sigmas = {0.1, 0.2};
  CHECK(run_bigstep(o).message().find("strictly decreasing") != std::string::npos);
  o.sigmas = {0.1};
  o.trainer = "adam";
  CHECK(run_bigstep(o).message().find("gd or sgd") != std::string::npos);
}

TEST_CASE("sgd: an epoch is ceil(S/B) steps over a fresh order; slicing it into calls changes no bit") {
  TrainOptions o = plain("sgd", 0.05, 40);
  o.batch = 30;  // 100 samples: 4 steps, the last of 10
  auto whole = Trainer::create(kLine, o).value();
  auto sliced = Trainer::create(kLine, o).value();
  CHECK(whole.chunks_per_epoch() == 4);
  whole.run(40);
  while (sliced.run_chunks(3)) {
  }
  CHECK(sliced.epoch() == 40);
  CHECK(fingerprint(whole.raw_net(), 0) == fingerprint(sliced.raw_net(), 0));
  // Another batch size is another trajectory.
  o.batch = 20;
  auto other = Trainer::create(kLine, o).value();
  other.run(40);
  CHECK(fingerprint(other.raw_net(), 0) != fingerprint(whole.raw_net(), 0));
}

TEST_CASE("gd, sgd: the model keeps the weights as trained, its sharpness and smoothness per level, and reads back") {
  TrainOptions o = plain("sgd", 0.05, 200);
  o.batch = 16;
  auto m = train_levels(kLine, o, {0.2, 0.1}).value();
  REQUIRE(m.sharpness.size() == 2);
  CHECK(m.sharpness[1] > 0);
  CHECK(m.smoothness[1] > 0);
  const std::string json = to_json(m);
  CHECK(json.find("\"trainer\":\"sgd\"") != std::string::npos);
  CHECK(json.find("\"batch\":16") != std::string::npos);
  CHECK(json.find("\"sharpness\":") != std::string::npos);
  auto back = model_from_json(json).value();
  CHECK(back.options.trainer == "sgd");
  CHECK(back.options.batch == 16);
  CHECK(back.sharpness[1] == m.sharpness[1]);
  CHECK(back.smoothness[0] == m.smoothness[0]);
  // Not rebalanced: the stored weights are the trainer's, so their Hessian is the one measured.
  o.sigma = 0.2;
  auto t = Trainer::create(kLine, o).value();
  t.run(200);
  CHECK(fingerprint(t.raw_net(), 0) == fingerprint(m.nets[0], 0));
  CHECK(t.sharpness().value == doctest::Approx(m.sharpness[0]).epsilon(1e-5));
}

TEST_CASE("gd, sgd: the same bits natively and in WebAssembly (weights and sharpness after 300 epochs)") {
  for (const char* trainer : {"gd", "sgd"}) {
    CAPTURE(std::string(trainer));
    TrainOptions o = plain(trainer, 0.05, 300);
    o.batch = 16;
    o.width = 8;
    auto t = Trainer::create(kLine, o).value();
    t.run(300);
    const Sharpness s = t.sharpness(500, 1e-8);
    const std::uint64_t h = fingerprint(t.raw_net(), s.value);
    MESSAGE(std::string(trainer) << " fingerprint " << h << " sharpness " << s.value);
    CHECK(h == (std::string(trainer) == "gd" ? 4146399303529238652ull : 15329349665379432857ull));
  }
}

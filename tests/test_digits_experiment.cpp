#include "core/analysis/digits_experiment.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("digits experiment: on 20 digits the empirical MMSE memorizes at least 99% of 1000 samples, the smoothed score clearly fewer") {
  DigitsExperiment e;
  e.ns = {20};
  e.denoisers = {"emmse", "ksmooth"};
  e.bandwidths = {1.0};
  e.samples = 1000;
  e.sigma_min = 0.01;
  const auto rows = run_digits_experiment(e).value();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].denoiser == "emmse");
  CHECK(rows[0].memorized >= 0.99);
  // measured: 0.786 (seed 1) and 0.844 (seed 2) at bandwidth 1: more than 0.1 below the MMSE
  CHECK(rows[1].memorized < 0.9);
  CHECK(rows[1].memorized > 0.5);
  for (const auto& r : rows) {
    CHECK(r.lo <= r.memorized);
    CHECK(r.hi >= r.memorized);
    CHECK(r.ends.rows() == 64);
    CHECK(r.ends.cols() == 1000);
    long below = 0;  // the share is the ratio criterion's, sample by sample
    for (double q : r.nearest.ratio) below += q < kMemorizationRatio;
    CHECK(static_cast<double>(below) / 1000 == doctest::Approx(r.memorized));
  }
  CHECK(rows[1].mean_ratio > rows[0].mean_ratio);
}

TEST_CASE("digits experiment: the Wilson interval, and bad settings refused") {
  const auto [lo, hi] = wilson_interval(50, 100);
  CHECK(lo == doctest::Approx(0.4038).epsilon(1e-3));
  CHECK(hi == doctest::Approx(0.5962).epsilon(1e-3));
  const auto all = wilson_interval(100, 100);
  CHECK(all.second == 1.0);
  CHECK(all.first == doctest::Approx(0.9630).epsilon(1e-3));
  CHECK(wilson_interval(60, 60).second == 1.0);
  CHECK(wilson_interval(0, 60).first == 0.0);
  DigitsExperiment e;
  e.ns = {1};
  CHECK(run_digits_experiment(e).message().find("two training images") != std::string::npos);
  e.ns = {20};
  e.denoisers = {"minnorm"};
  CHECK(run_digits_experiment(e).message().find("emmse, ksmooth and trained") != std::string::npos);
  e.denoisers = {"trained"};
  e.levels = 0;
  CHECK(run_digits_experiment(e).message().find("at least one level") != std::string::npos);
}

TEST_CASE("digits experiment: the trained network's row trains one network a level and flows through them") {
  DigitsExperiment e;
  e.ns = {6};
  e.denoisers = {"trained"};
  e.samples = 30;
  e.levels = 2;
  e.train.width = 8, e.train.samples = 4, e.train.epochs = 40;
  const auto rows = run_digits_experiment(e).value();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].denoiser == "trained");
  CHECK(rows[0].ends.allFinite());
  CHECK(rows[0].interpolation > 0);  // 40 epochs do not interpolate
  CHECK(rows[0].lo <= rows[0].memorized);
  CHECK(rows[0].memorized <= rows[0].hi);
  // the same seed, the same numbers
  CHECK(run_digits_experiment(e).value()[0].ends == rows[0].ends);
}

// Every preset's paragraph makes a claim; each is checked here from the
// preset's own statistics, run to the end as the page runs it.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app/presets.hpp"
#include "app/share_link.hpp"
#include "app/simulation.hpp"

using namespace flowlab;
using namespace flowlab::app;

namespace {
struct Run {
  Simulation sim;
  double at(int pane, EndClass c) const { return sim.pane(pane).classes.fraction(c); }
};

void run(Run& r, const std::string& name_starts) {
  const Preset* found = nullptr;
  for (const Preset& p : kPresets)
    if (std::string(p.name).rfind(name_starts, 0) == 0) found = &p;
  REQUIRE(found);
  const LinkRead link = from_fragment(found->link);
  REQUIRE(link.notices.empty());
  r.sim.apply(link.state);
  REQUIRE(r.sim.error().empty());
  for (int guard = 0; guard < 100000 && r.sim.step(10);) ++guard;
  REQUIRE(r.sim.done());
  for (int p = 0; p < r.sim.panes(); ++p) REQUIRE(r.sim.pane(p).error.empty());
}
// Side by side: the left pane's share of `cls` within (lo, hi), the right pane (the MMSE) memorizing all.
void check_left_share_right_memorizes(const char* preset, EndClass cls, double lo, double hi) {
  Run r;
  run(r, preset);
  REQUIRE(r.sim.panes() == 2);
  CHECK(r.at(0, cls) > lo);
  CHECK(r.at(0, cls) < hi);
  CHECK(r.at(1, EndClass::training) == 1.0);
}

}  // namespace

TEST_CASE("presets: each opens without a notice, and fits its view (no camera in the link)") {
  for (const Preset& p : kPresets) {
    const LinkRead r = from_fragment(p.link);
    CHECK_MESSAGE(r.notices.empty(), p.name);
    CHECK_MESSAGE(!r.view_given, p.name);
  }
}

TEST_CASE("presets: the inverse problem's exact posterior halves the left edge; DPS memorizes with the MMSE, not with min-norm") {
  Run r;
  run(r, "Inverse problem: DPS");
  REQUIRE(r.sim.inverse());
  const Eigen::VectorXd& w = r.sim.posterior();
  REQUIRE(w.size() == 3);
  CHECK(w(0) == doctest::Approx(0.5).epsilon(0.01));  // (0, 0) and (0, 1): x1 = 0, 2 s from the measurement
  CHECK(w(2) == doctest::Approx(0.5).epsilon(0.01));
  CHECK(w(1) < 1e-3);                                  // (1, 0): almost 5 s away
  const double off = r.at(0, EndClass::manifold) + r.at(0, EndClass::virtual_point);
  CHECK(off > 0.18);  // "about one in four" between the points
  CHECK(off < 0.3);
  CHECK(r.at(1, EndClass::training) == 1.0);
  const auto far = [&](int pane) {  // the share at (1, 0), which the measurement rules out
    const auto reached = r.sim.pane(pane).classes.points_reached();
    long n = 0;
    for (int at : reached) n += at == 1;
    return static_cast<double>(n) / static_cast<double>(reached.size());
  };
  CHECK(far(0) > 0.1);  // "about one in six": the closed form's flat Jacobian does not pull
  CHECK(far(0) < 0.25);
  CHECK(far(1) < 0.03);  // the MMSE's: nearly all on the left edge
}

TEST_CASE("presets: the score flow reaches the virtual corner (about a quarter) and the training points") {
  Run r;
  run(r, "P1: score flow");
  CHECK(r.at(0, EndClass::virtual_point) > 0.15);
  CHECK(r.at(0, EndClass::virtual_point) < 0.35);
  CHECK(r.at(0, EndClass::training) + r.at(0, EndClass::virtual_point) == doctest::Approx(1.0));
}

TEST_CASE("presets: the probability flow leaves about one in four on the manifold; stopping early nearly all, "
          "and the early-stopped particles' denoised samples are where the full flow ends") {
  Run full, early, denoised;
  run(full, "P1: probability flow");
  run(early, "P1: early stopping");
  CHECK(full.at(0, EndClass::manifold) > 0.2);
  CHECK(full.at(0, EndClass::manifold) < 0.33);
  CHECK(early.at(0, EndClass::manifold) > 0.95);
  // h_{sigma_min}(y(sigma_min)): the relative place on each ramp is conserved (P1), so one
  // denoising step from sigma_min = 0.15 lands where the flow to 0.001 ends
  for (const Preset& p : kPresets)
    if (std::string(p.name).rfind("P1: early stopping", 0) == 0) {
      LinkRead link = from_fragment(p.link);
      link.state.classify = "denoised";
      denoised.sim.apply(link.state);
      for (int guard = 0; guard < 100000 && denoised.sim.step(10);) ++guard;
    }
  REQUIRE(denoised.sim.done());
  for (EndClass c : {EndClass::training, EndClass::virtual_point, EndClass::manifold})
    CHECK(std::fabs(denoised.at(0, c) - full.at(0, c)) < 0.01);
}

TEST_CASE("presets: orthogonal 3-D data end on the cube's faces and edges (about half) and at its corners") {
  Run r;
  run(r, "P1: orthogonal data in 3-D");
  CHECK(r.at(0, EndClass::manifold) > 0.4);
  CHECK(r.at(0, EndClass::manifold) < 0.6);
  CHECK(r.at(0, EndClass::training) > 0.1);
  CHECK(r.at(0, EndClass::virtual_point) > 0.1);
}

TEST_CASE("presets: obtuse triangle: min-norm leaves particles on the edges, the MMSE memorizes every one") {
  check_left_share_right_memorizes("P2: obtuse", EndClass::manifold, 0.2, 0.4);  // "about 30%"
}

TEST_CASE("presets: equilateral triangle: the smoothed score leaves about a quarter off the training points") {
  check_left_share_right_memorizes("P2: equilateral", EndClass::novel, 0.18, 0.32);
}

TEST_CASE("presets: 1-D: min-norm leaves more than a third between the points, the MMSE sends all to them") {
  check_left_share_right_memorizes("P2: 1-D", EndClass::novel, 0.33, 0.45);
}

TEST_CASE("presets: eight orthogonal points: under 2% at training points, nearly all on the manifold") {
  Run r;
  run(r, "P1: memorization");
  CHECK(r.at(0, EndClass::training) < 0.02);
  CHECK(r.at(0, EndClass::manifold) > 0.9);
}


TEST_CASE("presets: digits: the smoothed score makes new images (about 96%), the MMSE copies a training image every time") {
  check_left_share_right_memorizes("Digits:", EndClass::novel, 0.93, 0.99);  // "about 96% new" (measured 96.5%)
}

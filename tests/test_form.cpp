// A denoiser's form (the network or MMSE sum an evaluator outside the core computes, e.g. the
// page's GPU path) against the denoiser itself, and the planned steps applied from forms against
// the Flow's own steps.
#include <cmath>

#include "core/data/dataset.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/form.hpp"
#include "core/denoisers/trained.hpp"
#include "core/flows/flow.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
Eigen::MatrixXd gaussian(Eigen::Index d, Eigen::Index n, double scale, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd Y(d, n);
  rng.fill_normal(Y);
  return scale * Y;
}

double max_gap(const Denoiser& den, double sigma, const Eigen::MatrixXd& Y) {
  const DenoiserForm f = den.form(sigma);
  REQUIRE(f.kind != DenoiserForm::Kind::none);
  Eigen::MatrixXd H(Y.rows(), Y.cols());
  evaluate(f, Y, H);
  return (H - den(Y, sigma)).cwiseAbs().maxCoeff();
}

TrainedModel two_level_model(Eigen::Index d, int width) {
  TrainedModel m;
  m.sigmas = {0.4, 0.1};
  for (std::uint64_t s : {3u, 4u}) {
    ShallowNet n;
    n.W = gaussian(width, d, 1.0, s);
    n.b = gaussian(width, 1, 0.3, s + 10);
    n.A = gaussian(d, width, 0.5, s + 20);
    n.V = gaussian(d, d, 0.1, s + 30);
    n.c = gaussian(d, 1, 0.2, s + 40);
    m.nets.push_back(n);
  }
  return m;
}

// One planned step applied with the forms, in double precision: what the GPU path computes.
void apply_plan(const PlannedStep& p, const FlowOptions& o, const Denoiser& den, Eigen::MatrixXd& Y,
                const Eigen::MatrixXd& z) {
  auto h = [&](double s, const Eigen::MatrixXd& y) {
    Eigen::MatrixXd H(y.rows(), y.cols());
    evaluate(den.form(s), y, H);
    return H;
  };
  const bool heun = o.integrator == Integrator::heun;
  if (o.kind == FlowKind::pf) {
    const Eigen::MatrixXd f0 = (Y - h(p.t, Y)) / p.t;
    if (!heun) { Y += p.h * f0; return; }
    const Eigen::MatrixXd y1 = Y + p.h * f0;
    Y += 0.5 * p.h * (f0 + (y1 - h(p.t + p.h, y1)) / (p.t + p.h));
  } else if (o.kind == FlowKind::score) {
    const Eigen::MatrixXd f0 = h(p.t, Y) - Y;
    if (!heun) { Y += p.h * f0; return; }
    const Eigen::MatrixXd y1 = Y + p.h * f0;
    Y += 0.5 * p.h * (f0 + h(p.t, y1) - y1);
  } else {
    Y += p.a * (h(p.t, Y) - Y) + p.b * z;
  }
}
}  // namespace

TEST_CASE("form: every denoiser's form evaluates to the denoiser, at several levels") {
  const Eigen::MatrixXd X = make_orthogonal({3, 3, 0.7, 1.3, true, 5}).value().points;
  const Eigen::MatrixXd Y = gaussian(3, 200, 1.0, 9).colwise() + X.rowwise().mean();
  for (const char* kind : {"minnorm", "emmse", "ksmooth"}) {
    DenoiserSpec spec;
    spec.kind = kind;
    spec.nodes = 8;
    spec.bandwidth = 0.3;
    auto den = make_denoiser(X, spec).value();
    for (double sigma : {0.02, 0.1, 0.2}) {
      CAPTURE(kind);
      CAPTURE(sigma);
      CHECK(max_gap(*den, sigma, Y) < 1e-10);
    }
  }
  // the closed form's fallbacks, where it is infeasible (2 alpha sigma over the smallest gap)
  for (Fallback fb : {Fallback::clamp, Fallback::emmse}) {
    DenoiserSpec spec;
    spec.fallback = fb;
    auto den = make_denoiser(X, spec).value();
    CHECK(den->is_fallback(1.0));
    CHECK(max_gap(*den, 1.0, Y) < 1e-10);
  }
  // a trained model: at a level, between two (the blend is one network of both widths), beyond
  DenoiserSpec spec;
  spec.kind = "trained";
  spec.model = std::make_shared<TrainedModel>(two_level_model(3, 7));
  auto den = make_denoiser(X, spec).value();
  for (double sigma : {0.8, 0.4, 0.2, 0.1, 0.01}) CHECK(max_gap(*den, sigma, Y) < 1e-12);
  CHECK(den->form(0.2).net.width() == 14);
  CHECK(den->form(0.4).net.width() == 7);
}

TEST_CASE("form: planned steps applied from the forms follow the flow's own steps") {
  const Eigen::MatrixXd X = make_simplex({2, 2, 90.0, 1.0, false, 1}).value().points;
  const Eigen::MatrixXd Y0 = gaussian(2, 64, 0.6, 2).colwise() + Eigen::Vector2d(0.3, 0.3);
  for (const char* kind : {"minnorm", "emmse"})
    for (FlowKind fk : {FlowKind::pf, FlowKind::score})
      for (Integrator in : {Integrator::euler, Integrator::heun}) {
        DenoiserSpec spec;
        spec.kind = kind;
        spec.alpha = 1.0;
        auto den = make_denoiser(X, spec).value();
        FlowOptions o;
        o.kind = fk;
        o.integrator = in;
        o.sigma_max = 0.3;
        o.sigma_min = 0.01;
        o.sigma = 0.1;
        o.steps = 40;
        o.time = 8.0;
        o.tol = 1e-300;  // the score flow runs its whole time, as a planned one does
        o.fused = false;
        auto reference = Flow::create(*den, o, Y0.cols()).value();
        auto planned = Flow::create(*den, o, Y0.cols()).value();
        Eigen::MatrixXd A = Y0, B = Y0;
        const Eigen::MatrixXd none;
        int steps = 0;
        for (;;) {
          const FlowReport before = planned.report();
          const auto next = planned.next_step();  // what plan_step will give, with nothing done
          CHECK((planned.report().steps == before.steps && planned.report().t == before.t &&
                 planned.report().evaluations == before.evaluations));
          const auto p = planned.plan_step();
          CHECK(next.has_value() == p.has_value());
          if (!p) break;
          CHECK((next->t == p->t && next->h == p->h && next->a == p->a && next->b == p->b && next->index == p->index));
          CAPTURE(kind);
          CAPTURE(to_string(fk));
          CHECK(p->index == steps++);
          const bool more = reference.step(A);
          apply_plan(*p, o, *den, B, none);
          CHECK(more == !planned.done());
          CHECK(planned.report().t == reference.report().t);
        }
        CHECK(reference.done());
        CHECK(steps == reference.report().steps);
        CHECK((A - B).cwiseAbs().maxCoeff() < 1e-9);
      }
}

TEST_CASE("form: the stochastic flows' planned steps carry the Euler-Maruyama coefficients") {
  const Eigen::MatrixXd X = make_simplex({2, 2, 90.0, 1.0, false, 1}).value().points;
  auto den = make_denoiser(X, DenoiserSpec{"emmse"}).value();
  FlowOptions o;
  o.kind = FlowKind::sde;
  o.integrator = Integrator::euler;
  o.sigma_max = 1.0;
  o.sigma_min = 0.01;
  o.steps = 20;
  auto f = Flow::create(*den, o, 1).value();
  const std::vector<double> grid = f.grid();
  int i = 0;
  while (auto p = f.plan_step()) {
    const double var = grid[i] * grid[i] - grid[i + 1] * grid[i + 1];
    CHECK(p->t == grid[i]);
    CHECK(p->a == doctest::Approx(var / (grid[i] * grid[i])).epsilon(1e-15));
    CHECK(p->b == doctest::Approx(std::sqrt(var)).epsilon(1e-15));
    ++i;
  }
  CHECK(i == 20);
  CHECK(f.report().t == grid.back());
  o.kind = FlowKind::langevin;
  o.sigma = 0.2;
  o.time = 2.0;
  auto g = Flow::create(*den, o, 1).value();
  auto p = g.plan_step().value();
  CHECK(p.a == doctest::Approx(0.1));
  CHECK(p.b == doctest::Approx(std::sqrt(0.2) * 0.2));
  o.integrator = Integrator::rk4;  // the GPU path has Euler and Heun only
  CHECK(!Flow::create(*den, o, 1).value().plan_step());
}

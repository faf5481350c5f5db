#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "core/data/dataset.hpp"
#include "core/denoisers/factory.hpp"
#include "core/denoisers/minnorm.hpp"
#include "core/denoisers/trained.hpp"
#include "core/networks/trainer.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
// P1's method on a 2-D triangle with its apex at the origin: ball samples of radius rho = 0.1.
TrainOptions auglag_options() {
  TrainOptions o;
  o.sigma = 0.1;
  o.alpha = 1.0;
  o.width = 64;
  o.samples = 100;
  o.trainer = "auglag";
  o.epochs = 10000;
  o.lr = 3e-3;
  return o;
}

struct Trained {
  Eigen::MatrixXd X;
  ShallowNet net;
  double interpolation;
};

// Trains once per angle and keeps the result (several test cases look at it).
const Trained& triangle(double angle) {
  static std::map<double, Trained> cache;
  auto it = cache.find(angle);
  if (it == cache.end()) {
    const Eigen::MatrixXd X = make_simplex({2, 2, angle, 1.0, false, 1}).value().points;
    auto t = Trainer::create(X, auglag_options()).value();
    t.run(auglag_options().epochs);
    REQUIRE(t.status().is_ok());
    it = cache.emplace(angle, Trained{X, t.net(), t.history().back().interpolation}).first;
  }
  return it->second;
}

// Units in decreasing order of their cost |a_k||w_k|, as many as carry `share` of the total.
std::vector<Eigen::Index> dominant_units(const ShallowNet& n, double share) {
  std::vector<Eigen::Index> k(static_cast<std::size_t>(n.width()));
  for (Eigen::Index i = 0; i < n.width(); ++i) k[static_cast<std::size_t>(i)] = i;
  const auto c = [&](Eigen::Index i) { return n.A.col(i).norm() * n.W.row(i).norm(); };
  std::sort(k.begin(), k.end(), [&](Eigen::Index a, Eigen::Index b) { return c(a) > c(b); });
  double acc = 0;
  std::size_t m = 0;
  while (m < k.size() && acc < share * n.representation_cost()) acc += c(k[m++]);
  k.resize(m);
  return k;
}
}  // namespace

TEST_CASE("trainer: on an obtuse triangle the trained network is P2's closed form (function and cost)") {
  const Trained& t = triangle(120.0);
  CHECK(t.interpolation < 5e-3);
  auto closed = MinNormDenoiser::create(t.X, 1.0).value();
  const double rho = 0.1;
  MESSAGE("trained cost " << t.net.representation_cost() << ", closed form " << closed.cost(rho));
  CHECK(t.net.representation_cost() == doctest::Approx(closed.cost(rho)).epsilon(0.05));
  CHECK(t.net.cost() == doctest::Approx(t.net.representation_cost()).epsilon(1e-9));  // rebalanced
  // in the balls, and along the edges from the apex away from the ramps' kinks
  Rng rng(7);
  Eigen::MatrixXd G(2, 0);
  for (Eigen::Index n = 0; n < t.X.cols(); ++n) {
    const Eigen::MatrixXd ball = test::points_in_ball(t.X.col(n), rho, 100, rng);
    G.conservativeResize(2, G.cols() + ball.cols());
    G.rightCols(ball.cols()) = ball;
    for (double s = rho + 0.05; s <= 1.0 - rho - 0.05; s += 0.05) {
      G.conservativeResize(2, G.cols() + 1);
      G.col(G.cols() - 1) = t.X.col(0) + s * (t.X.col(n) - t.X.col(0));
    }
  }
  Workspace ws;
  Eigen::MatrixXd Ht(2, G.cols()), Hc(2, G.cols());
  t.net.apply(G, Ht, ws);
  closed.apply_rho(G, rho, Hc, ws);
  CHECK_NEAR_MAT(Ht, Hc, 0.03);
}

TEST_CASE("trainer: ReLU boundaries perpendicular to the edges (obtuse), parallel to them (equilateral) (P2)") {
  for (const double angle : {120.0, 60.0}) {
    CAPTURE(angle);
    const Trained& t = triangle(angle);
    const Eigen::MatrixXd& X = t.X;
    const Eigen::Vector2d e[3] = {(X.col(1) - X.col(0)).normalized(), (X.col(2) - X.col(0)).normalized(),
                                  (X.col(2) - X.col(1)).normalized()};
    const auto units = dominant_units(t.net, 0.7);
    CHECK(units.size() >= 2);
    for (Eigen::Index k : units) {
      CAPTURE(k);
      const Eigen::Vector2d w = t.net.W.row(k).transpose().normalized();  // the boundary's normal
      double best_parallel = 0, best_perpendicular = 1;
      for (const auto& edge : e) {
        best_parallel = std::max(best_parallel, std::abs(w.dot(edge)));
        best_perpendicular = std::min(best_perpendicular, std::abs(w.dot(edge)));
      }
      if (angle > 90) CHECK(best_parallel > 0.97);       // normal along an edge: the boundary crosses it at right angles
      else CHECK(best_perpendicular < 0.15);             // normal across an edge: the boundary runs along it (within 9 deg)
    }
  }
}

TEST_CASE("trainer: orthogonal data (N = d = 3) train below the hyperbox form, to the cost of their plane's triangle") {
  // A finding: x_1, x_2, x_3 span a plane that misses the origin, and a network that reads only the in-plane
  // coordinates (V, c are free) interpolates the balls at the cost of the equilateral triangle of side sqrt(2).
  TrainOptions o = auglag_options();
  const Eigen::MatrixXd X = make_orthogonal({3, 3, 1.0, 1.0, false, 1}).value().points;
  auto t3 = Trainer::create(X, o).value();
  t3.run(o.epochs);
  const Eigen::MatrixXd T = make_simplex({2, 2, 60.0, std::sqrt(2.0), false, 1}).value().points;
  auto t2 = Trainer::create(T, o).value();
  t2.run(o.epochs);
  const double hyperbox = MinNormDenoiser::create(X, 1.0).value().cost(0.1);
  MESSAGE("orthogonal: trained " << t3.net().representation_cost() << ", hyperbox form " << hyperbox
                                 << "; planar triangle trained " << t2.net().representation_cost());
  CHECK(t3.history().back().interpolation < 0.01);
  CHECK(t3.net().representation_cost() < 0.8 * hyperbox);
  CHECK(t3.net().representation_cost() == doctest::Approx(t2.net().representation_cost()).epsilon(0.1));
}

TEST_CASE("trainer: without the linear term, V and c stay 0 and the units alone interpolate") {
  TrainOptions o = auglag_options();
  o.skip = false;
  const Eigen::MatrixXd X = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
  auto t = Trainer::create(X, o).value();
  t.run(o.epochs);
  const ShallowNet net = t.net();
  CHECK(net.V.isZero(0.0));
  CHECK(net.c.isZero(0.0));
  CHECK(t.history().back().interpolation < 0.05);
}

TEST_CASE("trainer: deterministic for a seed; a model saved and loaded gives identical outputs") {
  const Eigen::MatrixXd X = make_clusters({2, 3, 2, 1.0, 0.3, 5}).value().points;
  TrainOptions o;
  o.width = 16;
  o.samples = 20;
  o.epochs = 300;
  o.seed = 9;
  auto a = Trainer::create(X, o).value(), b = Trainer::create(X, o).value();
  a.run(300);
  b.run(100), b.run(200);  // slices do not change the result
  const ShallowNet na = a.net(), nb = b.net();
  CHECK(na.W == nb.W);
  CHECK(na.A == nb.A);
  CHECK(na.b == nb.b);
  o.seed = 10;
  auto c = Trainer::create(X, o).value();
  c.run(300);
  CHECK(c.net().W != na.W);

  auto model = train_levels(X, o, {0.2, 0.1, 0.05}).value();
  const std::string json = to_json(model);
  auto back = model_from_json(json);
  REQUIRE(back.is_ok());
  CHECK(to_json(back.value()) == json);
  DenoiserSpec spec;
  spec.kind = "trained";
  spec.model = std::make_shared<TrainedModel>(model);
  auto d1 = make_denoiser(X, spec).value();
  spec.model = std::make_shared<TrainedModel>(back.value());
  auto d2 = make_denoiser(X, spec).value();
  Rng rng(2);
  Eigen::MatrixXd Y(2, 300);
  rng.fill_normal(Y);
  for (double sigma : {0.3, 0.2, 0.14, 0.1, 0.07, 0.05, 0.01}) {
    CAPTURE(sigma);
    const Eigen::MatrixXd h1 = (*d1)(Y, sigma), h2 = (*d2)(Y, sigma);
    CHECK(h1 == h2);  // bit for bit
  }
  // at a level its own network; between two levels a blend in log sigma; beyond the ends the nearest
  Workspace ws;
  Eigen::MatrixXd at(2, 300), hi(2, 300), lo(2, 300);
  model.nets[1].apply(Y, at, ws);
  CHECK_NEAR_MAT((*d1)(Y, 0.1), at, 0.0);
  model.nets[0].apply(Y, hi, ws);
  model.nets[1].apply(Y, lo, ws);
  CHECK_NEAR_MAT((*d1)(Y, 0.2 / std::sqrt(2.0)), 0.5 * (hi + lo), 1e-12);
  CHECK_NEAR_MAT((*d1)(Y, 5.0), hi, 0.0);
}

TEST_CASE("trainer: bad hyperparameters and bad model files are refused with clear messages") {
  const Eigen::MatrixXd X = make_simplex({2, 2, 90.0, 1.0, false, 1}).value().points;
  const auto refuse = [&](TrainOptions o, const std::string& text) {
    auto t = Trainer::create(X, o);
    REQUIRE_FALSE(t.is_ok());
    CHECK(t.message().find(text) != std::string::npos);
  };
  TrainOptions o;
  o.width = 0;
  refuse(o, "width K must be at least 1");
  o = TrainOptions{};
  o.lambda = -1;
  refuse(o, "lambda must be >= 0");
  o = TrainOptions{};
  o.lr = NAN;
  refuse(o, "learning rate must be a positive number");
  o = TrainOptions{};
  o.sigma = 0;
  refuse(o, "sigma must be a positive number");
  o = TrainOptions{};
  o.trainer = "rmsprop";
  refuse(o, "adam, auglag, gd or sgd");
  o = TrainOptions{};
  o.trainer = "sgd";
  o.batch = 0;
  refuse(o, "batch must hold at least 1 sample");
  for (const auto& bad : std::vector<std::pair<std::string, std::string>>{
           {"{", "malformed JSON"},
           {"{\"format\":\"other\"}", "not a Flowlab model"},
           {"{\"format\":\"flowlab-model\",\"version\":1,\"d\":2,\"width\":1,\"levels\":[]}", "no \"levels\""},
           {"{\"format\":\"flowlab-model\",\"version\":1,\"d\":2,\"width\":1,\"levels\":[{\"sigma\":0.1,\"W\":[1]}]}",
            "'W' must be an array of 2 numbers"}}) {
    const std::string& text = bad.first;
    const std::string& why = bad.second;
    CAPTURE(text);
    auto m = model_from_json(text);
    REQUIRE_FALSE(m.is_ok());
    CHECK(m.message().find(why) != std::string::npos);
  }
}

TEST_CASE("trainer: a diverging run stops with a message and keeps the last good weights") {
  const Eigen::MatrixXd X = make_simplex({2, 2, 90.0, 1.0, false, 1}).value().points;
  TrainOptions o;
  o.width = 8;
  o.samples = 10;
  o.lr = 1e150;  // the first step overflows the weights
  o.epochs = 100;
  auto t = Trainer::create(X, o).value();
  CHECK_FALSE(t.run(100));
  CHECK(t.done());
  CHECK(t.status().message().find("diverged at epoch") != std::string::npos);
  const ShallowNet n = t.net();
  CHECK(n.W.allFinite());
  CHECK(n.A.allFinite());
}

TEST_CASE("trainer: the same bits natively and in WebAssembly (a fingerprint of the weights after 300 epochs)") {
  // The trainer fixes the order of every sum and uses a portable log/exp for its random numbers,
  // so this fingerprint is one constant for every build; the suite runs natively and under Node.
  const Eigen::MatrixXd X = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
  for (const char* method : {"auglag", "adam"}) {
    CAPTURE(std::string(method));
    TrainOptions o;
    o.width = 8;
    o.samples = 10;
    o.epochs = 300;
    o.alpha = std::string(method) == "auglag" ? 1.0 : 0.0;  // ball and Gaussian samples
    o.trainer = method;
    o.inner = 50;
    auto t = Trainer::create(X, o).value();
    t.run(300);
    const ShallowNet n = t.raw_net();
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the weights' bytes
    for (const Eigen::MatrixXd* m : {&n.W, &n.A, &n.V})
      for (Eigen::Index q = 0; q < m->size(); ++q) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, m->data() + q, sizeof bits);
        h = (h ^ bits) * 1099511628211ull;
      }
    for (const Eigen::VectorXd* v : {&n.b, &n.c})
      for (Eigen::Index q = 0; q < v->size(); ++q) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, v->data() + q, sizeof bits);
        h = (h ^ bits) * 1099511628211ull;
      }
    MESSAGE(std::string(method) << " fingerprint " << h);
    CHECK(h == (std::string(method) == "auglag" ? 3370320367351450757ull : 14529586229137827682ull));
  }
}

TEST_CASE("trainer: an epoch in chunks is the whole batch's epoch (to rounding), and splitting it across calls changes no bit") {
  const Eigen::MatrixXd X = make_simplex({2, 2, 120.0, 1.0, false, 1}).value().points;
  for (const char* method : {"auglag", "adam"}) {
    CAPTURE(std::string(method));
    TrainOptions o;
    o.width = 8;
    o.samples = 25;  // 75 samples
    o.epochs = 200;
    o.trainer = method;
    o.inner = 50;
    auto whole = Trainer::create(X, o).value();
    o.chunk = 7;  // 11 chunks, the last one short
    auto chunked = Trainer::create(X, o).value();
    auto sliced = Trainer::create(X, o).value();
    CHECK(chunked.chunks_per_epoch() == 11);
    whole.run(200);
    chunked.run(200);
    while (sliced.run_chunks(3)) {
    }
    CHECK(sliced.epoch() == 200);
    const ShallowNet a = whole.raw_net(), b = chunked.raw_net(), c = sliced.raw_net();
    CHECK((a.W - b.W).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((a.A - b.A).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((a.W - b.W).cwiseAbs().maxCoeff() > 0);  // the sums' order differs: not the same bits
    CHECK(b.W == c.W);
    CHECK(b.A == c.A);
    CHECK(b.b == c.b);
    CHECK(chunked.history().back().loss == doctest::Approx(whole.history().back().loss).epsilon(1e-9));
    CHECK(chunked.history().back().interpolation == doctest::Approx(whole.history().back().interpolation).epsilon(1e-6));
  }
}

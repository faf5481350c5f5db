// Hostile input to the core (issue 13): strict JSON, bounded files and fields,
// duplicate points found in O(N log N), generators that refuse what cannot fit,
// and the budget's estimates.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "core/flows/flow_cost.hpp"
#include "core/runtime/budget.hpp"
#include "core/data/csv.hpp"
#include "core/data/dataset.hpp"
#include "core/data/json.hpp"
#include "core/data/rng.hpp"
#include "core/denoisers/trained.hpp"
#include "support.hpp"

using namespace flowlab;

namespace {
std::string tiny_model(const std::string& training) {
  return "{\"format\":\"flowlab-model\",\"version\":1,\"d\":1,\"width\":1,\"training\":" + training +
         ",\"levels\":[{\"sigma\":0.1,\"W\":[1],\"b\":[0],\"A\":[1],\"V\":[0],\"c\":[0]}]}";
}
}  // namespace

TEST_CASE("json: non-JSON is refused with its position") {
  for (const auto& c : std::vector<std::pair<std::string, std::string>>{
           {"{\"a\":0x10}", "at byte"},
           {"{\"a\":NaN}", "at byte"},
           {"{\"a\":1,}", "at byte"},
           {"[1,2", "at byte"},
           {"{'a':1}", "at byte"},
           {"{\"a\":1} x", "at byte"},
           {"{\"a\":1,\"b\":{\"a\":2},\"a\":3}", "the key \"a\" appears twice in one object at byte 19"}}) {
    const std::string& text = c.first;
    const std::string& why = c.second;  // (clang 14 captures no structured bindings)
    CAPTURE(text);
    auto v = json::parse(text);
    REQUIRE_FALSE(v.is_ok());
    CHECK(v.message().rfind("malformed JSON: ", 0) == 0);
    CHECK(v.message().find(why) != std::string::npos);
  }
  // The same key in two objects is fine; nesting is bounded.
  CHECK(json::parse("{\"a\":{\"a\":1},\"b\":{\"a\":2}}").is_ok());
  CHECK(json::parse(std::string(65, '[') + std::string(65, ']')).message().find("nesting deeper than 64") != std::string::npos);
  CHECK(json::parse(std::string(64, '[') + std::string(64, ']')).is_ok());
}

TEST_CASE("json: integer fields are range-checked; floats that are integers are accepted") {
  CHECK(json::parse("{\"c\":1e400}").message() == "malformed JSON: number overflow parsing '1e400' at byte 10");
  const auto v = json::parse("{\"a\":1e3,\"b\":1.5,\"c\":1e300,\"d\":-1,\"e\":2e12,\"f\":\"3\",\"g\":18446744073709551615}").value();
  CHECK(json::integer(v, "a", 0, 0, 1000).value() == 1000);
  CHECK(json::integer(v, "missing", 7, 0, 10).value() == 7);
  for (const char* k : {"b", "c", "d", "e", "f", "g"}) {  // 1.5, 1e300, -1, 2e12, a string, 2^64-1
    CAPTURE(k);
    auto r = json::integer(v, k, 0, 0, 1000000);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.message().find("must be an integer from 0 to 1000000") != std::string::npos);
  }
  CHECK_FALSE(json::number(v, "f", 0).is_ok());
}

TEST_CASE("model JSON: training fields out of range are refused; strings are escaped when saved") {
  for (const auto& c : std::vector<std::pair<std::string, std::string>>{
           {"{\"samples\":1e400}", "number overflow parsing '1e400' at byte"},
           {"{\"samples\":1e300}", "\"samples\" must be an integer"},
           {"{\"samples\":-1}", "\"samples\" must be an integer"},
           {"{\"epochs\":2e12}", "\"epochs\" must be an integer"},
           {"{\"seed\":-1}", "\"seed\" must be an integer from 0 to 2^64-1"},
           {"{\"seed\":1.5}", "\"seed\" must be an integer"},
           {"{\"lr\":\"fast\"}", "\"lr\" must be a finite number"},
           {"{\"trainer\":\"ad\\\"am\"}", "\"trainer\" must be \"adam\", \"auglag\", \"gd\" or \"sgd\""},
           {"{\"samples\":10,\"samples\":20}", "appears twice"}}) {
    const std::string& training = c.first;
    const std::string& why = c.second;
    CAPTURE(training);
    auto m = model_from_json(tiny_model(training));
    REQUIRE_FALSE(m.is_ok());
    CHECK(m.message().find(why) != std::string::npos);
  }
  auto good = model_from_json(tiny_model("{\"trainer\":\"adam\",\"samples\":1e2,\"epochs\":5,\"seed\":18446744073709551615}"));
  REQUIRE(good.is_ok());
  CHECK(good.value().options.samples == 100);
  CHECK(good.value().options.seed == 18446744073709551615ull);
  // A trainer name with a quote (set in code, never read from a file) still saves as valid JSON.
  TrainedModel m = good.value();
  m.options.trainer = "a\"b\\c";
  const std::string text = to_json(m);
  auto back = json::parse(text);
  REQUIRE(back.is_ok());
  CHECK(back.value()["training"]["trainer"] == "a\"b\\c");
  // What is saved reads back to the same model.
  auto again = model_from_json(to_json(good.value()));
  REQUIRE(again.is_ok());
  CHECK(to_json(again.value()) == to_json(good.value()));
}

TEST_CASE("model JSON: a -0, as a weight or as any other number, saves and reads back bit for bit") {
  // A fuzz_model finding: "-0.0e7" loaded as -0, saved as "-0", read back as the integer 0, saved as "0".
  const std::string text =
      "{\"format\":\"flowlab-model\",\"version\":1,\"d\":1,\"width\":2,"
      "\"training\":{\"alpha\":-0.0,\"lambda\":-0e3,\"lr\":-0.0},"
      "\"levels\":[{\"sigma\":0.1,\"interpolation\":-0.0,\"cost\":-0.0e2,\"sharpness\":-0.0,\"smoothness\":-0.0,"
      "\"W\":[1,-0.0e7],\"b\":[-0,-0.0],\"A\":[1,1],\"V\":[0],\"c\":[-0.0]}]}";
  auto m = model_from_json(text);
  REQUIRE(m.is_ok());
  const std::string saved = to_json(m.value());
  auto back = model_from_json(saved);
  REQUIRE(back.is_ok());
  CHECK(to_json(back.value()) == saved);
  const ShallowNet& n = back.value().nets.front();
  CHECK(std::signbit(n.W(1, 0)));
  CHECK(std::signbit(n.b(1)));
  CHECK(std::signbit(n.c(0)));
  CHECK_FALSE(std::signbit(n.V(0, 0)));
  const TrainedModel& b = back.value();
  const std::pair<const char*, double> fields[] = {{"alpha", b.options.alpha}, {"lambda", b.options.lambda},
                                                   {"lr", b.options.lr}, {"interpolation", b.last[0].interpolation},
                                                   {"cost", b.last[0].cost}, {"sharpness", b.sharpness[0]},
                                                   {"smoothness", b.smoothness[0]}};
  for (const auto& f : fields) {  // not a structured binding: INFO's lambda cannot capture one (clang, C++17)
    INFO(f.first);
    CHECK((f.second == 0 && std::signbit(f.second)));
  }
}

TEST_CASE("model JSON: a file over the size limit is refused before parsing") {
  const std::string big(budget::kMaxModelBytes + 1, ' ');
  auto m = model_from_json(big);
  REQUIRE_FALSE(m.is_ok());
  CHECK(m.message().find("MiB are read") != std::string::npos);
}

TEST_CASE("csv: fields are quoted to 80 characters; hex is not a number; rows wider than the limit stop early") {
  const std::string field(50000, 'z');
  auto m = parse_points_csv("1," + field + "\n", "t.csv");
  REQUIRE_FALSE(m.is_ok());
  CHECK(m.message().size() < 200);
  CHECK(m.message().find("t.csv, line 1, column 2: 'zzzz") != std::string::npos);
  CHECK(m.message().find("...' is not a number") != std::string::npos);
  CHECK(parse_points_csv("0x10,1\n", "t.csv").message().find("'0x10' is not a number") != std::string::npos);
  CHECK(parse_points_csv("+1,2\n", "t.csv").is_ok());
  std::string wide;
  for (int i = 0; i < 10000; ++i) wide += (i ? ",1" : "1");
  CHECK(parse_points_csv(wide + "\n", "t.csv").message().find("more than 4096 values in a row") != std::string::npos);
  CHECK(parse_points_csv("1,2\n1,2,3,4,5\n", "t.csv").message().find("line 2: more than 2 values") != std::string::npos);
  CHECK(parse_points_csv("1,\x01\n", "t.csv").message().find("'%01'") != std::string::npos);
}

TEST_CASE("csv: a file over the size limit is refused at once, with its size") {
  const std::string path = "/tmp/flowlab_test_big.csv";
  {
    std::ofstream f(path, std::ios::binary);
    f.seekp(static_cast<std::streamoff>(budget::kMaxCsvBytes) + 10);
    f.put('\n');
  }
  auto m = read_points_csv(path);
  std::remove(path.c_str());
  REQUIRE_FALSE(m.is_ok());
  CHECK(m.message().find("the file is 134 MB; CSV files of at most 134 MB are read") != std::string::npos);
}

TEST_CASE("dataset: duplicates among 100k points are found by sorting, the same pair as by brute force") {
  Rng rng(3);
  Eigen::MatrixXd X(3, 100000);
  rng.fill_normal(X);
  CHECK(validate_points(X).is_ok());
  X.col(91234) = X.col(4321);
  X(0, 91234) += 1e-14;  // within 1e-12 of the data's scale
  auto s = validate_points(X);
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.message().find("points 4322 and 91235 are the same point") != std::string::npos);
  // Points on a grid (many equal coordinates) are not duplicates.
  Eigen::MatrixXd G(2, 300 * 300);
  for (int i = 0; i < 300; ++i)
    for (int j = 0; j < 300; ++j) G(0, i * 300 + j) = i, G(1, i * 300 + j) = j;
  CHECK(validate_points(G).is_ok());
  // Small random sets against the pairwise definition.
  for (int trial = 0; trial < 200; ++trial) {
    Eigen::MatrixXd Y(2, 12);
    for (Eigen::Index j = 0; j < Y.cols(); ++j)
      for (Eigen::Index i = 0; i < 2; ++i) Y(i, j) = std::floor(rng.uniform() * 4);  // many exact duplicates
    bool dup = false;
    for (Eigen::Index a = 0; a < Y.cols(); ++a)
      for (Eigen::Index b = a + 1; b < Y.cols(); ++b) dup = dup || (Y.col(a) - Y.col(b)).norm() == 0;
    CHECK(validate_points(Y).is_ok() == !dup);
  }
}

TEST_CASE("dataset: coordinates beyond 1e15 are refused (their squares overflow)") {
  Eigen::MatrixXd X(2, 3);
  X << 0, 1e160, 0, 0, 0, 1e160;
  auto s = validate_points(X);
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.message().find("point 2, coordinate 1 (1e+160) is beyond +-1e+15") != std::string::npos);
  X << 0, 1e14, 0, 0, 0, 1e14;
  CHECK(validate_points(X).is_ok());
}

TEST_CASE("dataset: generators refuse sizes over the limits or the memory, before allocating") {
  auto o = make_orthogonal({100000, 100000, 1, 1, false, 1});
  REQUIRE_FALSE(o.is_ok());
  CHECK(o.message().find("dimension d = 100000 is over 4096") != std::string::npos);
  auto c = make_clusters({1 << 20, 1 << 20, 2, 3, 0.3, 1});
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.message().find("points are over the limit") != std::string::npos);
  auto p = make_points_1d({1 << 27, 1, 2, 1});
  if (!p.is_ok()) CHECK(p.message().find("of memory") != std::string::npos);  // or it fits this machine
}

TEST_CASE("budget: estimates grow with every size, and memory that cannot fit is refused with the estimate") {
  budget::DenoiserShape s;
  s.kind = "emmse", s.points = 10, s.dim = 2;
  const double base = budget::flow_step(s, 1000, Integrator::heun, 200).flops;
  CHECK(budget::flow_step(s, 2000, Integrator::heun, 200).flops > base);
  CHECK(budget::flow_step(s, 1000, Integrator::rk4, 200).flops > base);
  s.points = 20;
  CHECK(budget::flow_step(s, 1000, Integrator::heun, 200).flops > base);
  s.kind = "ksmooth", s.nodes = 64;
  CHECK(budget::eval_flops(s) > 60 * 4 * 20 * 2);
  CHECK(budget::epoch(64, 1000, 2).bytes > budget::epoch(32, 1000, 2).bytes);
  CHECK(budget::fits_memory(1e6, "x").is_ok());
  auto no = budget::fits_memory(1e18, "a flow of 1e12 particles");
  REQUIRE_FALSE(no.is_ok());
  CHECK(no.message().find("a flow of 1e12 particles needs about 1e+03 PB of memory") != std::string::npos);
  CHECK(budget::bytes_text(1.5e9) == "1.5 GB");
  CHECK(budget::bytes_text(12) == "12 bytes");
}

TEST_CASE("dataset: the closest distance by the sweep equals the pairwise minimum") {
  Rng rng(11);
  for (int d : {1, 2, 3, 8}) {
    for (int trial = 0; trial < 20; ++trial) {
      Eigen::MatrixXd X(d, 40 + trial);
      rng.fill_normal(X);
      double best = INFINITY;
      for (Eigen::Index a = 0; a < X.cols(); ++a)
        for (Eigen::Index b = a + 1; b < X.cols(); ++b) best = std::min(best, (X.col(a) - X.col(b)).norm());
      CHECK(closest_distance(X) == doctest::Approx(best).epsilon(1e-14));  // the same pair (rounding aside)
    }
  }
  CHECK(std::isinf(closest_distance(Eigen::MatrixXd::Zero(2, 1))));
}

#include <cmath>
#include <cstring>
#include <random>
#include <sstream>
#include <utility>

#include "core/csv.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("csv: points are columns — comments, blanks and spaces are ignored") {
  auto m = parse_points_csv("# header comment\n1, 2\n\n  3,4.5e0 \n# trailing\n-1e-3,0\n", "t.csv");
  REQUIRE(m.is_ok());
  CHECK(m.value().rows() == 2);
  CHECK(m.value().cols() == 3);
  CHECK(m.value()(1, 1) == 4.5);
  CHECK(m.value()(0, 2) == -1e-3);
}

TEST_CASE("csv: the shortest round-trip output reads back bit for bit") {
  Eigen::MatrixXd p(3, 2);
  p << 0.1, 1.0 / 3.0, -2.5e-300, 1e300, M_PI, -0.0;
  std::ostringstream out;
  write_points_csv(out, p);
  auto back = parse_points_csv(out.str(), "round trip");
  REQUIRE(back.is_ok());
  CHECK((back.value().array() == p.array()).all());
}

TEST_CASE("csv: numbers are written as their shortest round-trip text, as std::to_chars") {
  const std::pair<double, const char*> known[] = {
      {0.1, "0.1"}, {2.0 / 3.0, "0.6666666666666666"}, {100, "100"}, {1e20, "1e+20"}, {123456.5, "123456.5"},
      {1e-5, "1e-05"}, {0.001, "0.001"}, {-0.0, "-0"}, {0, "0"}, {-2.5e-300, "-2.5e-300"}, {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"}, {1234567, "1234567"}, {0.000123, "0.000123"}};
  for (const auto& [x, text] : known) {
    CAPTURE(text);
    CHECK(format_number(x) == text);
    char buf[kShortestChars];
    CHECK(std::string(buf, format_shortest_printf(x, buf)) == text);
  }
  // The printf-built text (the WASM build's) equals to_chars' on doubles of every magnitude.
  std::mt19937_64 rng(7);
  for (int k = 0; k < 200000; ++k) {
    const std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    if (k % 2) x = std::ldexp(std::fmod(x, 1.0), static_cast<int>(rng() % 80) - 40);  // the usual range too
    char a[kShortestChars], b[kShortestChars];
    const std::string ta(a, format_shortest(x, a)), tb(b, format_shortest_printf(x, b));
    CAPTURE(ta);
    REQUIRE(ta == tb);
    REQUIRE(std::strtod(ta.c_str(), nullptr) == x);
  }
}

TEST_CASE("csv: malformed input names the file, line and column") {
  struct Case {
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {"1,2\n3\n", "t.csv, line 2: 1 values, but line 1 has 2"},
      {"1,2\n3,abc\n", "t.csv, line 2, column 2: 'abc' is not a number"},
      {"1,nan\n", "t.csv, line 1, column 2: 'nan' is not a finite number"},
      {"inf,1\n", "t.csv, line 1, column 1: 'inf' is not a finite number"},
      {"1e999,1\n", "t.csv, line 1, column 1: '1e999' is not a finite number"},
      {"1,,2\n", "t.csv, line 1, column 2: empty field"},
      {"1,2x\n", "'2x' is not a number"},
      {"# only comments\n\n", "t.csv: no points"},
      {"", "t.csv: no points"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto m = parse_points_csv(c.text, "t.csv");
    REQUIRE_FALSE(m.is_ok());
    CHECK(m.message().find(c.expect) != std::string::npos);
  }
}

TEST_CASE("csv: a missing file is an error naming it") {
  auto m = read_points_csv("/nonexistent/flowlab.csv");
  REQUIRE_FALSE(m.is_ok());
  CHECK(m.message().find("/nonexistent/flowlab.csv: cannot open") != std::string::npos);
}

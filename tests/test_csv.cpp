#include <sstream>

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

TEST_CASE("csv: %.17g output reads back bit for bit") {
  Eigen::MatrixXd p(3, 2);
  p << 0.1, 1.0 / 3.0, -2.5e-300, 1e300, M_PI, -0.0;
  std::ostringstream out;
  write_points_csv(out, p);
  auto back = parse_points_csv(out.str(), "round trip");
  REQUIRE(back.is_ok());
  CHECK((back.value().array() == p.array()).all());
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

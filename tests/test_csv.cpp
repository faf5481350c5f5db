#include <cmath>
#include <cstring>
#include <random>
#include <sstream>
#include <utility>

#include "core/data/csv.hpp"
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
      {1.7976931348623157e308, "1.7976931348623157e+308"}, {1234567, "1234567"}, {0.000123, "0.000123"},
      {INFINITY, "inf"}, {-INFINITY, "-inf"}, {NAN, "nan"}, {-NAN, "-nan"}};  // messages quote bad input
  for (const auto& k : known) {  // .first/.second: clang 14 cannot capture structured bindings in CAPTURE
    CAPTURE(k.second);
    CHECK(format_number(k.first) == k.second);
    char buf[kShortestChars];
    CHECK(std::string(buf, format_shortest_printf(k.first, buf)) == k.second);
  }
  // The printf-built text (the WASM build's) equals to_chars' on doubles of every magnitude.
  std::mt19937_64 rng(7);
#ifdef __EMSCRIPTEN__
  const int draws = 20000;  // printf is the WASM build's formatter itself: the round trip is what is left to check
#else
  const int draws = 200000;
#endif
  for (int k = 0; k < draws; ++k) {
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
  CHECK(m.message().find("/nonexistent/flowlab.csv: no such file") != std::string::npos);
}

TEST_CASE("csv: a spreadsheet's export (a UTF-8 byte-order mark, CRLF line ends) reads as the plain file") {
  const auto plain = parse_points_csv("0,0.5\n1,2\n", "plain").value();
  CHECK(parse_points_csv("\xEF\xBB\xBF" "0,0.5\r\n1,2\r\n", "export").value() == plain);
  CHECK(parse_points_csv("\xEF\xBB\xBF" "0,0.5\r\n1,x\r\n", "export").message() == "export, line 2, column 2: 'x' is not a number");
  CHECK_FALSE(parse_points_csv("0,\xEF\xBB\xBF" "0.5\n", "inside").is_ok());  // only at the start
}

TEST_CASE("csv: a directory, a missing file and a second standard input are named as such") {
  CHECK(read_points_csv("/tmp").message() == "/tmp: is a directory, not a file");
  CHECK(read_input_file("/nonexistent/x", 100, "CSV files").message() == "/nonexistent/x: no such file");
}

TEST_CASE("csv: long texts are parsed and written in parallel pieces with the same result and messages") {
  Eigen::MatrixXd p(7, 20000);  // ~2.5 MB of text: about ten pieces
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal;
  for (Eigen::Index k = 0; k < p.size(); ++k) p.data()[k] = normal(rng);
  std::ostringstream one, two;
  write_points_csv(one, p, 1);
  write_points_csv(two, p, 2);
  REQUIRE(one.str() == two.str());
  const std::string text = one.str();
  REQUIRE(text.size() > 4 * (1 << 18));
  auto serial = parse_points_csv(text, "t.csv", 1), parallel = parse_points_csv(text, "t.csv", 2);
  REQUIRE(serial.is_ok());
  REQUIRE(parallel.is_ok());
  CHECK((serial.value().array() == p.array()).all());
  CHECK((parallel.value().array() == p.array()).all());
  // Errors deep in the text name the same line either way: a bad number, a short row, a comment-only tail.
  const auto line_start = [&](int line) {
    std::size_t at = 0;
    for (int k = 1; k < line; ++k) at = text.find('\n', at) + 1;
    return at;
  };
  std::string bad = text;
  bad.insert(line_start(15001), "1,2,x,4,5,6,7\n");
  std::string short_row = text;
  short_row.insert(line_start(17000), "1,2\n");
  for (const std::string& t : {bad, short_row}) {
    auto a = parse_points_csv(t, "t.csv", 1), b = parse_points_csv(t, "t.csv", 2);
    REQUIRE_FALSE(a.is_ok());
    REQUIRE_FALSE(b.is_ok());
    CHECK(a.message() == b.message());
  }
  CHECK(parse_points_csv(bad, "t.csv", 2).message().find("t.csv, line 15001, column 3: 'x' is not a number") !=
        std::string::npos);
  const std::string comments = std::string(1 << 20, '#') + "\n" + text.substr(0, line_start(3));
  auto c = parse_points_csv(comments, "t.csv", 2);
  REQUIRE(c.is_ok());
  CHECK(c.value().cols() == 2);
}

#include <algorithm>
#include <set>

#include "core/data/digits.hpp"
#include "support.hpp"

using namespace flowlab;

TEST_CASE("digits: N images of 8x8 grey levels / 16, chosen by the seed, balanced over the classes, in the file's order") {
  const auto d = make_digits({31, {0, 3, 8}, 7}).value();
  REQUIRE(d.data.points.rows() == 64);
  REQUIRE(d.data.points.cols() == 31);
  CHECK(std::is_sorted(d.rows.begin(), d.rows.end()));
  CHECK(std::set<int>(d.rows.begin(), d.rows.end()).size() == 31);  // without replacement
  int counts[10] = {};
  for (std::size_t j = 0; j < d.rows.size(); ++j) {
    CHECK(d.labels[j] == digit_label(d.rows[j]));
    ++counts[d.labels[j]];
    const Eigen::VectorXd x = d.data.points.col(static_cast<Eigen::Index>(j));
    CHECK((x - digit_image(d.rows[j])).norm() == 0.0);
    CHECK(x.minCoeff() >= 0.0);
    CHECK(x.maxCoeff() <= 1.0);
    CHECK(((16.0 * x).array() - (16.0 * x).array().round()).abs().maxCoeff() == 0.0);  // grey levels 0..16
  }
  CHECK(counts[0] == 11);  // 31 over three classes: 11, 10, 10
  CHECK(counts[3] == 10);
  CHECK(counts[8] == 10);
  CHECK(counts[0] + counts[3] + counts[8] == 31);
  // a class that runs out leaves its share to the others: 400 of 0 and 1 (178 and 182 images) cannot be;
  // 360 takes all of both
  const auto two = make_digits({360, {0, 1}, 3}).value();
  CHECK(two.rows.size() == 360);
  const auto again = make_digits({31, {0, 3, 8}, 7}).value();
  CHECK(again.rows == d.rows);
  CHECK(make_digits({31, {0, 3, 8}, 8}).value().rows != d.rows);
}

TEST_CASE("digits: all 1,797 rows, every label, and the first row as the file has it") {
  const auto all = make_digits({kDigitRows, {}, 1}).value();
  REQUIRE(static_cast<int>(all.rows.size()) == kDigitRows);
  for (int r = 0; r < kDigitRows; ++r) CHECK(all.rows[static_cast<std::size_t>(r)] == r);
  int counts[10] = {};
  for (int label : all.labels) ++counts[label];
  for (int c = 0; c < 10; ++c) CHECK(counts[c] > 170);  // about 180 of each
  CHECK(digit_label(0) == 0);  // the file's first row: a zero, its first pixels 0, 0, 5, 13, 9, 1
  const Eigen::VectorXd first = digit_image(0);
  CHECK(first(2) == 5.0 / 16);
  CHECK(first(3) == 13.0 / 16);
}

TEST_CASE("digits: bad requests are refused with their reason") {
  CHECK(make_digits({0, {}, 1}).message().find("1 to 1797") != std::string::npos);
  CHECK(make_digits({1798, {}, 1}).message().find("1 to 1797") != std::string::npos);
  CHECK(make_digits({5, {3, 3}, 1}).message().find("twice") != std::string::npos);
  CHECK(make_digits({5, {10}, 1}).message().find("0..9") != std::string::npos);
  CHECK(make_digits({1000, {0, 1}, 1}).message().find("images; 1000 were asked for") != std::string::npos);
}

TEST_CASE("digits: a class list as a link writes it") {
  CHECK(parse_digit_classes("").value().empty());
  CHECK(parse_digit_classes("0,3,8").value() == std::vector<int>{0, 3, 8});
  CHECK(parse_digit_classes("7").value() == std::vector<int>{7});
  for (const char* bad : {"0,,3", "10", "a", "3,", ",3", "0;3", "-1"})
    CHECK(parse_digit_classes(bad).message().find("digits 0..9 separated by commas") != std::string::npos);
}

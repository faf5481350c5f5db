#include "core/data/digits.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include "core/data/rng.hpp"

namespace flowlab {
namespace {
constexpr int kRowBytes = kDigitPixels + 1;
}  // namespace

Eigen::VectorXd digit_image(int row) {
  Eigen::VectorXd x(kDigitPixels);
  const unsigned char* r = digits_source().data + static_cast<std::size_t>(row) * kRowBytes;
  for (int i = 0; i < kDigitPixels; ++i) x(i) = r[i] / 16.0;
  return x;
}

int digit_label(int row) { return digits_source().data[static_cast<std::size_t>(row) * kRowBytes + kDigitPixels]; }

Result<std::vector<int>> parse_digit_classes(const std::string& list) {
  std::vector<int> classes;
  if (list.empty()) return classes;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, end - start);
    if (item.size() != 1 || item[0] < '0' || item[0] > '9')
      return Error{"digit classes are digits 0..9 separated by commas (got '" + item + "')"};
    classes.push_back(item[0] - '0');
    start = end + 1;
  }
  return classes;
}

Result<Digits> make_digits(const DigitsParams& p) {
  const DigitsBytes bytes = digits_source();
  if (!bytes.data) return Error{"the handwritten digits are still downloading"};
  if (bytes.size != static_cast<std::size_t>(kDigitRows) * kRowBytes)
    return Error{"the digits are damaged (" + std::to_string(bytes.size) + " bytes, not " +
                 std::to_string(kDigitRows * kRowBytes) + ")"};
  std::vector<int> classes = p.classes;
  if (classes.empty())
    for (int c = 0; c < 10; ++c) classes.push_back(c);
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i] < 0 || classes[i] > 9) return Error{"digit classes are 0..9 (got " + std::to_string(classes[i]) + ")"};
    if (std::find(classes.begin(), classes.begin() + static_cast<std::ptrdiff_t>(i), classes[i]) != classes.begin() + static_cast<std::ptrdiff_t>(i))
      return Error{"digit class " + std::to_string(classes[i]) + " is given twice"};
  }
  if (p.n < 1 || p.n > kDigitRows) return Error{"the digits hold 1 to " + std::to_string(kDigitRows) + " images (got " + std::to_string(p.n) + ")"};
  const std::size_t k = classes.size();
  std::vector<std::vector<int>> pools(k);
  std::size_t total = 0;
  for (std::size_t c = 0; c < k; ++c) {
    for (int r = 0; r < kDigitRows; ++r)
      if (digit_label(r) == classes[c]) pools[c].push_back(r);
    total += pools[c].size();
  }
  if (static_cast<std::size_t>(p.n) > total)
    return Error{"the digit classes asked for hold " + std::to_string(total) + " images; " + std::to_string(p.n) + " were asked for"};
  // As equal a share as each class can give: equal quotas, a class that runs out leaves the rest
  // to the others, and what does not divide goes one each to the first classes, in the order given.
  std::vector<int> quotas(k, 0);
  for (int remaining = p.n; remaining > 0;) {
    std::vector<std::size_t> open;
    for (std::size_t c = 0; c < k; ++c)
      if (quotas[c] < static_cast<int>(pools[c].size())) open.push_back(c);
    const int share = remaining / static_cast<int>(open.size());
    for (std::size_t c : open) {
      const int add = share > 0 ? std::min(share, static_cast<int>(pools[c].size()) - quotas[c]) : remaining > 0 ? 1 : 0;
      quotas[c] += add, remaining -= add;
    }
  }
  Rng rng(p.seed);
  Digits out;
  for (std::size_t c = 0; c < k; ++c) {
    std::vector<int>& pool = pools[c];
    const int quota = quotas[c];
    for (int i = 0; i < quota; ++i) {  // a partial Fisher-Yates shuffle: the first `quota` of a seeded permutation
      const int j = i + static_cast<int>(rng.uniform() * static_cast<double>(pool.size() - static_cast<std::size_t>(i)));
      std::swap(pool[static_cast<std::size_t>(i)], pool[static_cast<std::size_t>(std::min<int>(j, static_cast<int>(pool.size()) - 1))]);
      out.rows.push_back(pool[static_cast<std::size_t>(i)]);
    }
  }
  std::sort(out.rows.begin(), out.rows.end());
  Eigen::MatrixXd X(kDigitPixels, static_cast<Eigen::Index>(out.rows.size()));
  for (std::size_t j = 0; j < out.rows.size(); ++j) {
    X.col(static_cast<Eigen::Index>(j)) = digit_image(out.rows[j]);
    out.labels.push_back(digit_label(out.rows[j]));
  }
  out.data.points = std::move(X);
  out.data.name = "digits";
  return out;
}

}  // namespace flowlab

#pragma once
// Handwritten digits: the UCI optical digits (Alpaydin and Kaynak 1998, CC BY 4.0), 1,797
// greyscale images of 8x8 pixels with grey levels 0..16 and a label 0..9, read at build time
// from Debian's python3-sklearn. Flowlab's digits are the rows scaled to [0, 1] (level / 16):
// points in d = 64, one pixel a coordinate, row after row.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.hpp"

namespace flowlab {

constexpr int kDigitRows = 1797, kDigitPixels = 64, kDigitSide = 8;

// The file's bytes, 65 a row (64 grey levels, then the label). data/digits_source.cpp returns
// the copy the build embeds; a program that fetches them instead (the page, whose first load is
// then 46 KB gzipped lighter) defines digits_source() itself, and the linker takes its definition
// rather than the archive's. Until they arrive data is null and make_digits says so.
struct DigitsBytes {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
};
DigitsBytes digits_source();
inline bool digits_available() { return digits_source().data != nullptr; }

struct DigitsParams {
  int n = 100;               // images, 1 .. 1797
  std::vector<int> classes;  // the labels to draw from, distinct, in 0..9 (empty: all ten)
  std::uint64_t seed = 1;
};

struct Digits {
  Dataset data;              // 64 by N, the rows scaled by 1/16
  std::vector<int> rows;     // each image's row in the file (0-based), ascending
  std::vector<int> labels;   // each image's label
};

// N images chosen by the seed without replacement, balanced over the classes (N / k each, the
// first N mod k classes one more), in the file's order. An error names a class with too few images.
Result<Digits> make_digits(const DigitsParams& p);

// A list of classes as a link or a command line writes it, "0,3,8" (empty: all ten).
Result<std::vector<int>> parse_digit_classes(const std::string& list);

// Row r of the file (0-based): its 64 grey levels scaled by 1/16, and its label.
Eigen::VectorXd digit_image(int row);
int digit_label(int row);

}  // namespace flowlab

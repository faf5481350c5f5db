// The digits as the build embeds them (digits_embedded.cpp, generated). In a file of its own so
// that a program defining digits_source() itself (the page fetches the bytes) links neither.
#include <cstddef>

#include "core/data/digits.hpp"

namespace flowlab::embedded {
extern const unsigned char digits_bytes[];
extern const std::size_t digits_bytes_size;
}  // namespace flowlab::embedded

namespace flowlab {
DigitsBytes digits_source() { return {embedded::digits_bytes, embedded::digits_bytes_size}; }
}  // namespace flowlab

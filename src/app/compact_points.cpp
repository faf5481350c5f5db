#include "compact_points.hpp"

#include <cmath>
#include <cstdint>

namespace flowlab::app {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
constexpr double kLimit = 9007199254740992.0;  // 2^53: integers above are not exact

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}
}  // namespace

bool is_compact_points(const std::string& text) { return text.find('~') != std::string::npos; }

std::optional<std::string> encode_points(const std::vector<double>& coordinates) {
  int places = 0;
  for (; places <= 6; ++places) {
    bool exact = true;
    for (double x : coordinates) {
      const double scaled = std::round(x * kPowers[places]);
      if (!(std::fabs(scaled) < kLimit) || scaled / kPowers[places] != x) {
        exact = false;
        break;
      }
    }
    if (exact) break;
  }
  if (places > 6) return std::nullopt;
  std::string bytes;
  for (double x : coordinates) {
    const auto n = static_cast<std::int64_t>(std::round(x * kPowers[places]));
    auto z = (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63);  // zigzag: small magnitudes, few bytes
    do {
      const auto low = static_cast<unsigned char>(z & 0x7f);
      z >>= 7;
      bytes += static_cast<char>(z ? low | 0x80 : low);
    } while (z);
  }
  std::string out = std::to_string(places) + "~";
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = 0;
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    for (std::size_t k = 0; k < 3; ++k)
      group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < n + 1; ++k) out += kAlphabet[(group >> (18 - 6 * k)) & 63];
  }
  return out;
}

std::optional<std::vector<double>> decode_points(const std::string& text, std::size_t max_values, std::string& why) {
  const auto tilde = text.find('~');
  if (tilde != 1 || text[0] < '0' || text[0] > '6') {
    why = "compact points must start with the decimal places (0 to 6) and '~'";
    return std::nullopt;
  }
  const double scale = kPowers[text[0] - '0'];
  std::string bytes;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 2; i < text.size(); ++i) {
    const int v = sextet(text[i]);
    if (v < 0) {
      why = "compact points hold a character outside base64url";
      return std::nullopt;
    }
    acc = (acc << 6 | static_cast<std::uint32_t>(v)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  std::vector<double> out;
  std::uint64_t z = 0;
  int shift = 0;
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (shift > 56) {
      why = "a compact coordinate is too long";
      return std::nullopt;
    }
    z |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    shift += 7;
    if (b & 0x80) continue;
    const auto n = static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
    if (!(std::fabs(static_cast<double>(n)) < kLimit)) {
      why = "a compact coordinate is out of range";
      return std::nullopt;
    }
    out.push_back(static_cast<double>(n) / scale);
    if (out.size() > max_values) {
      why = "too many points";
      return std::nullopt;
    }
    z = 0;
    shift = 0;
  }
  if (shift != 0) {
    why = "compact points end inside a coordinate";
    return std::nullopt;
  }
  return out;
}

}  // namespace flowlab::app

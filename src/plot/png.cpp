#include "png.hpp"

#include <array>
#include <fstream>

namespace flowlab::plot {
namespace {
std::uint32_t crc32(const std::uint8_t* p, std::size_t n, std::uint32_t c = 0xFFFFFFFFu) {
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c;
}

void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}

void chunk(std::ofstream& f, const char* type, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> buf;
  put32(buf, static_cast<std::uint32_t>(data.size()));
  buf.insert(buf.end(), type, type + 4);
  buf.insert(buf.end(), data.begin(), data.end());
  put32(buf, crc32(buf.data() + 4, buf.size() - 4) ^ 0xFFFFFFFFu);
  f.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(buf.size()));
}

// Deflate with the fixed Huffman code and one kind of match: a run of the
// previous byte (distance 1). After PNG's "Sub" filter a chart's flat areas
// are long runs of zeros, so this small encoder compresses them ~50x.
class Deflater {
 public:
  std::vector<std::uint8_t> out;
  void bits(std::uint32_t v, int n) {  // LSB first
    for (int i = 0; i < n; ++i) {
      if (nbits_ == 0) out.push_back(0);
      out.back() = static_cast<std::uint8_t>(out.back() | (((v >> i) & 1u) << nbits_));
      nbits_ = (nbits_ + 1) & 7;
    }
  }
  void code(std::uint32_t c, int n) {  // Huffman codes go MSB first
    for (int i = n - 1; i >= 0; --i) bits((c >> i) & 1u, 1);
  }
  void symbol(int s) {
    if (s < 144) code(0x30u + static_cast<std::uint32_t>(s), 8);
    else if (s < 256) code(0x190u + static_cast<std::uint32_t>(s - 144), 9);
    else if (s < 280) code(static_cast<std::uint32_t>(s - 256), 7);
    else code(0xC0u + static_cast<std::uint32_t>(s - 280), 8);
  }
  void run(int length) {  // a match of 3..258 bytes at distance 1
    static const int base[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                               131, 163, 195, 227, 258};
    static const int extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    int k = 28;
    while (base[k] > length) --k;
    symbol(257 + k);
    bits(static_cast<std::uint32_t>(length - base[k]), extra[k]);
    code(0, 5);  // distance code 0: distance 1
  }
  void compress(const std::vector<std::uint8_t>& data) {
    bits(1, 1);  // the final block
    bits(1, 2);  // fixed Huffman codes
    for (std::size_t i = 0; i < data.size();) {
      std::size_t n = 0;
      if (i > 0)
        while (i + n < data.size() && n < 258 && data[i + n] == data[i - 1]) ++n;
      if (n >= 3) {
        run(static_cast<int>(n));
        i += n;
      } else {
        symbol(data[i++]);
      }
    }
    symbol(256);
  }

 private:
  int nbits_ = 0;
};
}  // namespace

bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return false;
  const std::array<std::uint8_t, 8> sig = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  f.write(reinterpret_cast<const char*>(sig.data()), sig.size());
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, static_cast<std::uint32_t>(width));
  put32(ihdr, static_cast<std::uint32_t>(height));
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA
  chunk(f, "IHDR", ihdr);
  // scanlines with the Sub filter (each byte minus the one a pixel to its left)
  std::vector<std::uint8_t> raw;
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  raw.reserve((row + 1) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    raw.push_back(1);
    const std::uint8_t* p = rgba.data() + static_cast<std::size_t>(y) * row;
    for (std::size_t x = 0; x < row; ++x) raw.push_back(static_cast<std::uint8_t>(p[x] - (x >= 4 ? p[x - 4] : 0)));
  }
  Deflater z;
  z.out = {0x78, 0x01};
  z.compress(raw);
  std::uint32_t a = 1, b = 0;
  for (std::uint8_t c : raw) a = (a + c) % 65521, b = (b + a) % 65521;
  put32(z.out, b << 16 | a);
  chunk(f, "IDAT", z.out);
  chunk(f, "IEND", {});
  return static_cast<bool>(f);
}

}  // namespace flowlab::plot

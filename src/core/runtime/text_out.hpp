#pragma once
// A string built with <<, formatting as std::ostream does by default (integers in decimal, doubles as
// printf's %g), without libc++'s iostreams and locales: in the page's WebAssembly those cost about
// 100 KB of download for the few writers (exports, model JSON, inspect) that only append text.
#include <cstdio>
#include <string>
#include <type_traits>

namespace flowlab {

class TextOut {
 public:
  TextOut& operator<<(const std::string& s) { text_ += s; return *this; }
  TextOut& operator<<(const char* s) { text_ += s; return *this; }
  TextOut& operator<<(char c) { text_ += c; return *this; }
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, char> && !std::is_same_v<I, bool>, int> = 0>
  TextOut& operator<<(I v) { text_ += std::to_string(v); return *this; }
  TextOut& operator<<(double v) {  // std::ostream's default: precision 6, %g
    char s[32];
    std::snprintf(s, sizeof s, "%g", v);
    text_ += s;
    return *this;
  }
  TextOut& operator<<(float v) { return *this << static_cast<double>(v); }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace flowlab

#include "core/data/csv.hpp"

#include "core/runtime/budget.hpp"
#include "core/runtime/parallel.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <atomic>
#include <cerrno>
#include <sys/stat.h>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

namespace flowlab {
namespace {
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// At most `limit` characters of a field for a message, control characters as %XX.
std::string quoted(const char* b, const char* e, std::size_t limit = 80) {
  std::string out;
  for (const char* c = b; c < e && out.size() < limit; ++c) {
    const auto u = static_cast<unsigned char>(*c);
    if (u < 0x20 || u == 0x7f) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    } else {
      out += *c;
    }
  }
  if (static_cast<std::size_t>(e - b) > limit) out += "...";
  return "'" + out + "'";
}
}  // namespace

// The shortest round-trip text as std::to_chars(first, last, x) writes it: the fewest
// significant digits that read back to x, then fixed or scientific, whichever is shorter
// (fixed on a tie). Built from printf for libc++ 14 (Emscripten 3.1.6), which has no
// floating-point to_chars: %.*e gives the correctly rounded digits of each length, the first
// that reads back is the shortest. Kept in every build so the tests hold it to to_chars.
std::size_t format_shortest_printf(double x, char* out) {
  if (x == 0 || !std::isfinite(x)) {  // as to_chars: "0", "-0", "inf", "-inf", "nan", "-nan"
    const char* z = x == 0 ? (std::signbit(x) ? "-0" : "0")
                           : std::isinf(x) ? (x < 0 ? "-inf" : "inf") : (std::signbit(x) ? "-nan" : "nan");
    std::strcpy(out, z);
    return std::strlen(z);
  }
  char sci[40];
  int p = 1;
  for (; p < 17; ++p) {
    std::snprintf(sci, sizeof sci, "%.*e", p - 1, x);
    if (std::strtod(sci, nullptr) == x) break;
  }
  if (p == 17) std::snprintf(sci, sizeof sci, "%.16e", x);
  // sci: [-]D[.DDD]e(+|-)XX
  const char* c = sci;
  const bool negative = *c == '-';
  if (negative) ++c;
  char digits[20];
  int n = 0;
  for (; *c != 'e'; ++c)
    if (*c != '.') digits[n++] = *c;
  const int e = std::atoi(c + 1);
  while (n > 1 && digits[n - 1] == '0') --n;  // %.*e of a shorter value pads no zeros, but be sure
  // Fixed: digits with the point after e + 1 of them (zeros added on either side as needed).
  char fixed[400];
  std::size_t f = 0;
  if (negative) fixed[f++] = '-';
  if (e < 0) {
    fixed[f++] = '0';
    fixed[f++] = '.';
    for (int k = -1; k > e; --k) fixed[f++] = '0';
    for (int k = 0; k < n; ++k) fixed[f++] = digits[k];
  } else if (e + 1 > n) {  // an integer wider than its digits: to_chars writes its exact value, as %.0f does
    f = static_cast<std::size_t>(std::snprintf(fixed, sizeof fixed, "%.0f", x));
  } else {
    for (int k = 0; k <= e || k < n; ++k) {
      if (k == e + 1) fixed[f++] = '.';
      fixed[f++] = k < n ? digits[k] : '0';
    }
  }
  // Scientific: D[.DDD]e(+|-)XX, at least two exponent digits.
  char scientific[40];
  std::size_t s = 0;
  if (negative) scientific[s++] = '-';
  scientific[s++] = digits[0];
  if (n > 1) {
    scientific[s++] = '.';
    for (int k = 1; k < n; ++k) scientific[s++] = digits[k];
  }
  s += static_cast<std::size_t>(std::snprintf(scientific + s, sizeof scientific - s, "e%c%02d", e < 0 ? '-' : '+',
                                              e < 0 ? -e : e));
  if (f <= s) {
    std::memcpy(out, fixed, f);
    out[f] = '\0';
    return f;
  }
  std::memcpy(out, scientific, s + 1);
  return s;
}

std::size_t format_shortest(double x, char* out) {
#if defined(__GLIBCXX__)
  const auto r = std::to_chars(out, out + kShortestChars - 1, x);  // libstdc++: Ryu, shortest round trip
  *r.ptr = '\0';
  return static_cast<std::size_t>(r.ptr - out);
#else
  return format_shortest_printf(x, out);
#endif
}

std::string format_number(double x) {
  char buf[kShortestChars];
  return std::string(buf, format_shortest(x, buf));
}

NumberParse parse_number(const char* b, const char* e, double& out) {
  if (b < e && *b == '+') ++b;  // from_chars does not take a '+'; strtod does
  if (b == e) return NumberParse::malformed;
#if defined(__GLIBCXX__)
  const auto r = std::from_chars(b, e, out);  // libstdc++: locale-free, no copy
  if (r.ec == std::errc::result_out_of_range) return NumberParse::not_finite;
  if (r.ec != std::errc() || r.ptr != e) return NumberParse::malformed;
#else  // libc++ 14 (Emscripten 3.1.6) has no floating-point from_chars: strtod on a bounded copy
  char buf[512];
  const auto n = static_cast<std::size_t>(e - b);
  if (n >= sizeof buf || ((*b < '0' || *b > '9') && *b != '-' && *b != '.' && *b != 'i' && *b != 'n' && *b != 'I' && *b != 'N'))
    return NumberParse::malformed;
  std::memcpy(buf, b, n);
  buf[n] = '\0';
  char* end = nullptr;
  out = std::strtod(buf, &end);
  if (end != buf + n || std::memchr(buf, 'x', n) || std::memchr(buf, 'X', n)) return NumberParse::malformed;  // no hex
#endif
  return std::isfinite(out) ? NumberParse::ok : NumberParse::not_finite;
}

namespace {
// The rows of text [p, end) appended to `rows`; its line numbers count from rows.lines (a segment
// of a larger text parsed alone numbers its lines from 0: its caller reparses to name a line).
struct Rows {
  std::vector<double> values;
  long dim = -1, first_row_line = 0, rows = 0, lines = 0;
};

Status parse_rows(const char* p, const char* const end, const std::string& source, Rows& out) {
  std::vector<double>& values = out.values;
  long& dim = out.dim;
  long& first_row_line = out.first_row_line;
  long& rows = out.rows;
  long& line_no = out.lines;
  while (p < end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!eol) eol = end;
    ++line_no;
    const char* b = p;
    const char* e = eol;
    p = eol + (eol < end ? 1 : 0);
    while (b < e && blank(*b)) ++b;
    while (e > b && blank(e[-1])) --e;
    if (b == e || *b == '#') continue;
    long count = 0;
    for (const char* f = b;;) {
      const char* comma = static_cast<const char*>(std::memchr(f, ',', static_cast<std::size_t>(e - f)));
      const char* fe = comma ? comma : e;
      const char* fb = f;
      while (fb < fe && blank(*fb)) ++fb;
      while (fe > fb && blank(fe[-1])) --fe;
      ++count;
      const auto where = [&] { return source + ", line " + std::to_string(line_no) + ", column " + std::to_string(count); };
      if (fb == fe) return Error{where() + ": empty field"};
      double v = 0;
      switch (parse_number(fb, fe, v)) {
        case NumberParse::ok: break;
        case NumberParse::not_finite: return Error{where() + ": " + quoted(fb, fe) + " is not a finite number"};
        case NumberParse::malformed: return Error{where() + ": " + quoted(fb, fe) + " is not a number"};
      }
      if (dim > 0 && count > dim)
        return Error{source + ", line " + std::to_string(line_no) + ": more than " + std::to_string(dim) +
                     " values, but line " + std::to_string(first_row_line) + " has " + std::to_string(dim) +
                     " (every point needs the same dimension)"};
      if (dim < 0 && count > budget::kMaxDim)
        return Error{source + ", line " + std::to_string(line_no) + ": more than " + std::to_string(budget::kMaxDim) +
                     " values in a row (the largest dimension Flowlab takes)"};
      values.push_back(v);
      if (!comma) break;
      f = comma + 1;
    }
    if (dim < 0) {
      dim = count;
      first_row_line = line_no;
    } else if (count != dim) {
      return Error{source + ", line " + std::to_string(line_no) + ": " + std::to_string(count) +
                   " values, but line " + std::to_string(first_row_line) + " has " + std::to_string(dim) +
                   " (every point needs the same dimension)"};
    }
    ++rows;
  }
  return Status::ok();
}

Result<Eigen::MatrixXd> to_matrix(const Rows& r, const std::string& source) {
  if (r.rows == 0) return Error{source + ": no points (every line is empty or a # comment)"};
  // One point per row, so the row-major values are already the d by #N column-major matrix.
  return Eigen::MatrixXd(Eigen::Map<const Eigen::MatrixXd>(r.values.data(), r.dim, r.rows));
}

constexpr std::size_t kSegmentBytes = 1 << 18;  // texts are parsed in parallel in pieces of about this many bytes
}  // namespace

Result<Eigen::MatrixXd> parse_points_csv(const std::string& file_text, const std::string& source, int threads) {
  // A spreadsheet's export starts with UTF-8's byte-order mark: not part of the first number.
  const bool bom = file_text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const std::string_view text(file_text.data() + (bom ? 3 : 0), file_text.size() - (bom ? 3 : 0));
  const std::size_t pieces = threads == 1 ? 1 : std::min<std::size_t>(64, text.size() / kSegmentBytes + 1);
  if (pieces > 1) {  // pieces that end at line ends, parsed apart; any error: the whole again, for its line
    std::vector<const char*> cut{text.data()};
    for (std::size_t k = 1; k < pieces; ++k) {
      const char* at = std::max(text.data() + text.size() * k / pieces, cut.back());
      const char* eol =
          static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(text.data() + text.size() - at)));
      cut.push_back(eol ? eol + 1 : text.data() + text.size());
    }
    cut.push_back(text.data() + text.size());
    std::vector<Rows> part(pieces);
    std::vector<char> ok(pieces, 0);
    run_jobs(threads, static_cast<Eigen::Index>(pieces), [&](Eigen::Index k) {
      const auto u = static_cast<std::size_t>(k);
      part[u].values.reserve(static_cast<std::size_t>(cut[u + 1] - cut[u]) / 8);
      ok[u] = parse_rows(cut[u], cut[u + 1], source, part[u]).is_ok() ? 1 : 0;
    });
    Rows all;
    bool agree = true;
    for (std::size_t k = 0; k < pieces && agree; ++k) {
      agree = ok[k] && (part[k].rows == 0 || all.dim < 0 || part[k].dim == all.dim);
      if (part[k].rows > 0 && all.dim < 0) all.dim = part[k].dim;
      all.rows += part[k].rows;
    }
    if (agree) {
      all.values.reserve(static_cast<std::size_t>(all.rows * std::max(all.dim, 0L)));
      for (const Rows& r : part) all.values.insert(all.values.end(), r.values.begin(), r.values.end());
      return to_matrix(all, source);
    }
  }
  Rows all;
  all.values.reserve(text.size() / 8);
  if (auto s = parse_rows(text.data(), text.data() + text.size(), source, all); !s) return Error{s.message()};
  return to_matrix(all, source);
}

Result<std::string> read_input_file(const std::string& path, std::size_t cap, const char* kind) {
  static std::atomic<bool> stdin_taken{false};
  const std::string name = path == "-" ? "-: standard input" : path;
  const auto too_large = [&](const std::string& size) {
    return Error{name + ": " + size + "; " + kind + " of at most " + budget::bytes_text(static_cast<double>(cap)) + " are read"};
  };
  struct stat st {};
  if (path != "-") {
    if (::stat(path.c_str(), &st) != 0)
      return Error{path + (errno == ENOENT ? ": no such file" : ": cannot be read (" + std::string(std::strerror(errno)) + ")")};
    if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory, not a file"};
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > cap)
      return too_large("the file is " + budget::bytes_text(static_cast<double>(st.st_size)));
  } else if (stdin_taken.exchange(true)) {
    return Error{"-: standard input was already read by another option; give the other input a file"};
  }
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Error{path + ": cannot be read (" + std::string(std::strerror(errno)) + ")"};
  }
  std::istream& in = path == "-" ? std::cin : file;
  // A stream (standard input, a pipe, a device): read in blocks, the cap counted as they arrive.
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(static_cast<std::size_t>(st.st_size));
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    text.append(block, static_cast<std::size_t>(in.gcount()));
    if (text.size() > cap) return too_large("more than " + budget::bytes_text(static_cast<double>(cap)) + " arrived");
  }
  if (in.bad()) return Error{name + ": read failed"};
  return text;
}

Result<Eigen::MatrixXd> read_points_csv(const std::string& path, int threads) {
  auto text = read_input_file(path, budget::kMaxCsvBytes, "CSV files");
  if (!text) return text.error();
  return parse_points_csv(text.value(), path, threads);
}

void write_points_csv(std::ostream& out, const Eigen::Ref<const Eigen::MatrixXd>& points, int threads) {
  // Rows formatted in chunks (in parallel), written in order, a wave of chunks at a time: one
  // stream write per chunk, not per number, and at most a wave's text in memory. A chunk's buffer
  // has room for the longest numbers but is left uninitialised: only the pages written are touched.
  constexpr Eigen::Index kNumbersPerChunk = 8192, kChunksPerWave = 64;
  const Eigen::Index d = std::max<Eigen::Index>(points.rows(), 1);
  const Eigen::Index rows_per_chunk = std::max<Eigen::Index>(1, kNumbersPerChunk / d);
  const auto room = static_cast<std::size_t>(rows_per_chunk * d) * kShortestChars + 1;
  std::vector<std::unique_ptr<char[]>> text(static_cast<std::size_t>(kChunksPerWave));
  std::vector<std::size_t> length(text.size());
  const Eigen::Index chunks = (points.cols() + rows_per_chunk - 1) / rows_per_chunk;
  for (Eigen::Index w0 = 0; w0 < chunks; w0 += kChunksPerWave) {
    const Eigen::Index wave = std::min(kChunksPerWave, chunks - w0);
    run_jobs(threads, wave, [&](Eigen::Index c) {
      auto& t = text[static_cast<std::size_t>(c)];
      if (!t) t.reset(new char[room]);
      const Eigen::Index j0 = (w0 + c) * rows_per_chunk, j1 = std::min(points.cols(), j0 + rows_per_chunk);
      char* at = t.get();
      for (Eigen::Index j = j0; j < j1; ++j) {
        for (Eigen::Index i = 0; i < points.rows(); ++i) {
          at += format_shortest(points(i, j), at);
          *at++ = ',';
        }
        if (points.rows() > 0) --at;
        *at++ = '\n';
      }
      length[static_cast<std::size_t>(c)] = static_cast<std::size_t>(at - t.get());
    });
    for (std::size_t c = 0; c < static_cast<std::size_t>(wave); ++c)
      out.write(text[c].get(), static_cast<std::streamsize>(length[c]));
  }
}

}  // namespace flowlab

#include "csv.hpp"

#include "budget.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
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

std::string format_number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
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

Result<Eigen::MatrixXd> parse_points_csv(const std::string& text, const std::string& source) {
  std::vector<double> values;
  long dim = -1, first_row_line = 0, rows = 0, line_no = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
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
  if (rows == 0) return Error{source + ": no points (every line is empty or a # comment)"};
  // One point per row, so the row-major values are already the d by #N column-major matrix.
  return Eigen::MatrixXd(Eigen::Map<const Eigen::MatrixXd>(values.data(), dim, rows));
}

Result<Eigen::MatrixXd> read_points_csv(const std::string& path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) return Error{path + ": cannot open file"};
  const std::streamoff size = f.tellg();
  if (size < 0) return Error{path + ": cannot read its size"};
  if (static_cast<std::size_t>(size) > budget::kMaxCsvBytes)
    return Error{path + ": the file is " + budget::bytes_text(static_cast<double>(size)) + "; CSV files of at most " +
                 budget::bytes_text(static_cast<double>(budget::kMaxCsvBytes)) + " are read"};
  std::string text(static_cast<std::size_t>(size), '\0');
  f.seekg(0);
  if (!f.read(text.data(), static_cast<std::streamsize>(size))) return Error{path + ": read failed"};
  return parse_points_csv(text, path);
}

void write_points_csv(std::ostream& out, const Eigen::Ref<const Eigen::MatrixXd>& points) {
  std::string row;
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    row.clear();
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
      if (i) row += ',';
      row += format_number(points(i, j));
    }
    row += '\n';
    out << row;
  }
}

}  // namespace flowlab

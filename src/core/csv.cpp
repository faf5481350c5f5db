#include "csv.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

namespace flowlab {
namespace {
std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}
}  // namespace

std::string format_number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

Result<Eigen::MatrixXd> parse_points_csv(const std::string& text, const std::string& source) {
  std::vector<double> values;
  long dim = -1;
  long first_row_line = 0;
  long rows = 0;
  std::istringstream in(text);
  std::string line;
  long line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    long count = 0;
    std::size_t pos = 0;
    while (true) {
      const std::size_t comma = t.find(',', pos);
      const std::string field = trim(t.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      ++count;
      const std::string where = source + ", line " + std::to_string(line_no) + ", column " + std::to_string(count);
      if (field.empty()) return Error{where + ": empty field"};
      char* end = nullptr;
      const double v = std::strtod(field.c_str(), &end);
      if (end == field.c_str() || *end != '\0') return Error{where + ": '" + field + "' is not a number"};
      if (!std::isfinite(v))
        return Error{where + ": '" + field + "' is not a finite number"};
      values.push_back(v);
      if (comma == std::string::npos) break;
      pos = comma + 1;
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
  Eigen::MatrixXd m(dim, rows);
  for (long j = 0; j < rows; ++j)
    for (long i = 0; i < dim; ++i) m(i, j) = values[static_cast<std::size_t>(j * dim + i)];
  return m;
}

Result<Eigen::MatrixXd> read_points_csv(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{path + ": cannot open file"};
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_points_csv(ss.str(), path);
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

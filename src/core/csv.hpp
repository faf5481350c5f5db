#pragma once
// Points as CSV: one point per row, comma-separated numbers, lines starting
// with '#' and blank lines ignored, no header. Parsed into a d by #N
// column-major matrix (one column per point). Errors name the file and line.
#include <iosfwd>
#include <string>

#include <Eigen/Core>

#include "result.hpp"

namespace flowlab {

// Parses CSV text; `source` names it in messages (a file name, or "link").
// Rejects ragged rows, non-numbers, NaN/inf and empty input; a message quotes at most 80
// characters of a field. read_points_csv refuses files over budget::kMaxCsvBytes before reading.
Result<Eigen::MatrixXd> parse_points_csv(const std::string& text, const std::string& source);
Result<Eigen::MatrixXd> read_points_csv(const std::string& path);

// Writes one column per row, numbers printed with %.17g (exact round trip).
void write_points_csv(std::ostream& out, const Eigen::Ref<const Eigen::MatrixXd>& points);
std::string format_number(double x);  // %.17g

// A whole field [b, e) as a number: decimal only (no hex, no spaces), as strtod reads it otherwise.
enum class NumberParse { ok, malformed, not_finite };
NumberParse parse_number(const char* b, const char* e, double& out);

}  // namespace flowlab

#pragma once
// Points as CSV: one point per row, comma-separated numbers, lines starting
// with '#' and blank lines ignored, no header. Parsed into a d by #N
// column-major matrix (one column per point). Errors name the file and line.
#include <iosfwd>
#include <cstddef>
#include <string>

#include <Eigen/Core>

#include "core/runtime/result.hpp"

namespace flowlab {

// Parses CSV text; `source` names it in messages (a file name, or "link"). A UTF-8 byte-order
// mark and CRLF line ends (a spreadsheet's export) are read as a plain file. Rejects ragged rows, non-numbers, NaN/inf and empty input; a message quotes at most 80
// characters of a field. read_points_csv refuses files over budget::kMaxCsvBytes before reading.
// threads != 1: a long text is parsed in pieces on that many threads (0: every core), with the same
// result and the same messages.
Result<Eigen::MatrixXd> parse_points_csv(const std::string& text, const std::string& source, int threads = 1);
Result<Eigen::MatrixXd> read_points_csv(const std::string& path, int threads = 1);

// A whole input file as a Unix tool reads it: "-" is standard input (once in a process: a second
// "-" is refused), and pipes, process substitutions and devices are read as streams, the cap
// counted as the bytes arrive; a regular file over the cap is refused before reading. `kind`
// names the files in the cap's message ("CSV files"). Directories, missing and unreadable paths
// get messages that say so.
Result<std::string> read_input_file(const std::string& path, std::size_t cap, const char* kind);

// Writes one column per row, each number as its shortest round-trip text (format_number).
// threads != 1: the rows are formatted on that many threads (0: every core); the same text.
void write_points_csv(std::ostream& out, const Eigen::Ref<const Eigen::MatrixXd>& points, int threads = 1);
// The shortest text that reads back to exactly x, as std::to_chars(first, last, x) writes it
// ("0.1", "1e+300", "-0"); the same text natively and in WASM.
std::string format_number(double x);
constexpr std::size_t kShortestChars = 32;  // format_shortest's buffer, the '\0' included
std::size_t format_shortest(double x, char* out);  // into out[kShortestChars]; returns the length
// The same text from printf alone (what the WASM build uses), exposed so the tests compare it with to_chars.
std::size_t format_shortest_printf(double x, char* out);

// A whole field [b, e) as a number: decimal only (no hex, no spaces), as strtod reads it otherwise.
enum class NumberParse { ok, malformed, not_finite };
NumberParse parse_number(const char* b, const char* e, double& out);

}  // namespace flowlab

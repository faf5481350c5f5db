#pragma once
// A small, strict command-line parser: `--name value` options and `--flag`
// switches, each declared with its help line. Unknown options, missing values
// and malformed numbers become one error message naming the option.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/runtime/result.hpp"

namespace flowlab::cli {

struct OptionSpec {
  std::string name;   // without the dashes
  std::string value;  // placeholder shown in help ("" for a switch)
  std::string help;
};

class Args {
 public:
  Args(std::string command, std::string synopsis, std::vector<OptionSpec> specs);
  // Parses argv[first..]; false (with error()) on unknown or malformed options.
  bool parse(int argc, char** argv, int first);
  std::string help() const;
  const std::string& command() const { return command_; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback = "") const;
  // Every number is checked against both bounds: "out of range [lo, hi]" (NaN and the infinities
  // too), "not a number" / "not an integer" for malformed text (no hex); messages quote 80 characters at most.
  double number(const std::string& name, double fallback, double lo, double hi);
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t lo, std::int64_t hi);
  int integer(const std::string& name, int fallback, int lo, int hi);
  std::uint64_t seed(const std::string& name, std::uint64_t fallback);
  void require(const std::string& name);
  void fail(const std::string& message);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  std::string command_, synopsis_;
  std::vector<OptionSpec> specs_;
  std::map<std::string, std::string> values_;
  std::string error_;
};

}  // namespace flowlab::cli

#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/data/csv.hpp"

namespace flowlab::cli {

Args::Args(std::string command, std::string synopsis, std::vector<OptionSpec> specs)
    : command_(std::move(command)), synopsis_(std::move(synopsis)), specs_(std::move(specs)) {
  specs_.push_back({"help", "", "print this help"});
}

bool Args::parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      fail("unexpected argument '" + a.substr(0, 80) + "'");
      return false;
    }
    std::string name = a.substr(2), value;
    const auto eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) value = name.substr(eq + 1), name = name.substr(0, eq);
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs_)
      if (s.name == name) spec = &s;
    if (!spec) {
      fail("unknown option --" + name.substr(0, 80));
      return false;
    }
    if (!spec->value.empty() && !inline_value) {
      if (i + 1 >= argc) {
        fail("--" + name + " needs a value (" + spec->value + ")");
        return false;
      }
      value = argv[++i];
    }
    values_[name] = value;
  }
  return true;
}

std::string Args::help() const {
  std::string h = "usage: flowlab " + command_ + " " + synopsis_ + "\n\noptions:\n";
  for (const auto& s : specs_) {
    std::string left = "  --" + s.name + (s.value.empty() ? "" : " " + s.value);
    if (left.size() < 28) left.resize(28, ' ');
    else left += "\n" + std::string(28, ' ');
    h += left + s.help + "\n";
  }
  return h;
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  const auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

void Args::fail(const std::string& message) {
  if (error_.empty()) error_ = message;
}

void Args::require(const std::string& name) {
  if (!has(name)) fail("missing --" + name);
}

namespace {
std::string short_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}
std::string range_text(double lo, double hi) { return "[" + short_number(lo) + ", " + short_number(hi) + "]"; }
}  // namespace

double Args::number(const std::string& name, double fallback, double lo, double hi) {
  if (!has(name)) return fallback;
  const std::string v = str(name);
  double x = 0;
  if (parse_number(v.data(), v.data() + v.size(), x) == NumberParse::malformed) {
    fail("--" + name + ": '" + v.substr(0, 80) + "' is not a finite number");
    return fallback;
  }
  if (!(x >= lo && x <= hi)) {  // also NaN and the infinities
    fail("--" + name + ": " + v.substr(0, 80) + " is out of range " + range_text(lo, hi));
    return fallback;
  }
  return x;
}

std::int64_t Args::integer(const std::string& name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
  if (!has(name)) return fallback;
  const std::string v = str(name);
  double x = 0;
  const NumberParse r = parse_number(v.data(), v.data() + v.size(), x);
  if (r == NumberParse::malformed || (r == NumberParse::ok && x != std::floor(x))) {
    fail("--" + name + ": '" + v.substr(0, 80) + "' is not an integer");
    return fallback;
  }
  if (!(x >= static_cast<double>(lo) && x <= static_cast<double>(hi))) {
    fail("--" + name + ": " + v.substr(0, 80) + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return fallback;
  }
  return static_cast<std::int64_t>(x);
}

int Args::integer(const std::string& name, int fallback, int lo, int hi) {
  return static_cast<int>(integer(name, static_cast<std::int64_t>(fallback), static_cast<std::int64_t>(lo),
                                  static_cast<std::int64_t>(hi)));
}

std::uint64_t Args::seed(const std::string& name, std::uint64_t fallback) {
  if (!has(name)) return fallback;
  const std::string v = str(name);
  char* end = nullptr;
  errno = 0;
  const unsigned long long x = std::strtoull(v.c_str(), &end, 10);
  if (v.empty() || v[0] == '-' || *end != '\0' || errno == ERANGE) {
    fail("--" + name + ": '" + v.substr(0, 80) + "' is not a non-negative integer");
    return fallback;
  }
  return x;
}

}  // namespace flowlab::cli

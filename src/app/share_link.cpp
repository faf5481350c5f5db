#include "share_link.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "budget_fit.hpp"
#include "compact_points.hpp"
#include "fields.hpp"
#include "core/data/digits.hpp"

namespace flowlab::app {

std::string printable(const std::string& s, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string shortest(double x) {
  char buf[40];
  if (x == std::floor(x) && std::fabs(x) < 1e15) {  // integers as integers: "90", not "9e+01"
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty() || s.size() > 64) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);  // a NUL inside is not the end
}

std::string percent_encode(const std::string& s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::strchr("-._~!*'()", c)) {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

struct Writer {
  const AppState& s;
  std::string out;
  std::initializer_list<const char*> only = {};
  const std::map<std::string, std::string>* defaults = nullptr;  // fields equal to these are left out
  std::map<std::string, std::string>* collect = nullptr;        // or, every field's text is gathered here
  void put(const char* key, const std::string& value) {
    if (only.size() && std::none_of(only.begin(), only.end(), [&](const char* k) { return std::strcmp(k, key) == 0; }))
      return;
    if (collect) {
      (*collect)[key] = value;
      return;
    }
    if (defaults) {
      const auto it = defaults->find(key);
      if (it != defaults->end() && it->second == value) return;
    }
    out += (out.empty() ? "" : "&") + std::string(key) + "=" + value;
  }
  void text(const char* key, std::string& v, int) { put(key, percent_encode(v)); }
  void number(const char* key, double& v, double, double) { put(key, shortest(v)); }
  void integer(const char* key, int& v, int, int) { put(key, std::to_string(v)); }
  void seed(const char* key, std::uint64_t& v) { put(key, std::to_string(v)); }
  void flag(const char* key, bool& v) { put(key, v ? "1" : "0"); }
  void choice(const char* key, std::string& v, std::initializer_list<const char*>) { put(key, v); }
  void points(const char* key, std::vector<double>& v) {
    if (v.empty()) return;
    std::string p;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) p += i % static_cast<std::size_t>(s.d) == 0 ? ";" : ",";
      p += shortest(v[i]);
    }
    const auto compact = encode_points(v);  // exact decimals: shorter as integers in base64url
    put(key, compact && compact->size() < p.size() ? *compact : p);
  }
};

struct Reader {
  std::map<std::string, std::string> values;
  std::vector<std::string>& notices;
  const AppState& state;  // for d when reading points
  const char* fallback;
  std::map<std::string, bool> used;

  const std::string* get(const char* key) {
    const auto it = values.find(key);
    if (it == values.end()) return nullptr;
    used[key] = true;
    return &it->second;
  }
  void bad(const char* key, const std::string& value, const std::string& why) {
    notices.push_back(std::string("'") + key + "=" + printable(value, 40) + "': " + why + "; " + fallback);
  }
  void number(const char* key, double& v, double lo, double hi) {
    const std::string* s = get(key);
    if (!s) return;
    double x = 0;
    if (!parse_double(*s, x)) return bad(key, *s, "not a finite number");
    if (x < lo || x > hi) return bad(key, *s, "outside [" + shortest(lo) + ", " + shortest(hi) + "]");
    v = x;
  }
  void integer(const char* key, int& v, int lo, int hi) {
    const std::string* s = get(key);
    if (!s) return;
    double x = 0;
    if (!parse_double(*s, x) || x != std::floor(x)) return bad(key, *s, "not an integer");
    if (x < lo || x > hi) return bad(key, *s, "outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    v = static_cast<int>(x);
  }
  void seed(const char* key, std::uint64_t& v) {
    const std::string* s = get(key);
    if (!s) return;
    char* end = nullptr;
    const unsigned long long x = std::strtoull(s->c_str(), &end, 10);
    if (s->empty() || (*s)[0] == '-' || end != s->c_str() + s->size() || s->size() > 20) return bad(key, *s, "not a seed (0 to 2^64-1)");
    v = x;
  }
  void flag(const char* key, bool& v) {
    const std::string* s = get(key);
    if (!s) return;
    if (*s != "0" && *s != "1") return bad(key, *s, "not 0 or 1");
    v = *s == "1";
  }
  void choice(const char* key, std::string& v, std::initializer_list<const char*> options) {
    const std::string* s = get(key);
    if (!s) return;
    for (const char* o : options)
      if (*s == o) {
        v = *s;
        return;
      }
    std::string list;
    for (const char* o : options) list += (list.empty() ? "" : ", ") + std::string(o);
    bad(key, *s, "not one of " + list);
  }
  void text(const char* key, std::string& v, int max_bytes) {
    const std::string* s = get(key);
    if (!s) return;
    if (s->size() > static_cast<std::size_t>(max_bytes)) return bad(key, *s, "longer than " + std::to_string(max_bytes) + " bytes");
    if (std::any_of(s->begin(), s->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
      return bad(key, *s, "holds a control character");
    v = *s;
  }
  void points(const char* key, std::vector<double>& v) {
    const std::string* s = get(key);
    if (!s) return;
    if (is_compact_points(*s)) {
      std::string why;
      auto decoded = decode_points(*s, static_cast<std::size_t>(max_points_in(state.d) * state.d), why);
      if (!decoded) return bad(key, *s, why);
      if (decoded->empty() || decoded->size() % static_cast<std::size_t>(state.d) != 0)
        return bad(key, *s, std::to_string(decoded->size()) + " coordinates do not make points of d = " + std::to_string(state.d));
      if (std::any_of(decoded->begin(), decoded->end(), [](double x) { return !std::isfinite(x); }))
        return bad(key, *s, "a coordinate is not a finite number");
      v = std::move(*decoded);
      return;
    }
    std::vector<double> out;
    std::size_t start = 0;
    int per_point = 0;
    while (start <= s->size()) {
      std::size_t end = s->find_first_of(",;", start);
      if (end == std::string::npos) end = s->size();
      double x = 0;
      if (!parse_double(s->substr(start, end - start), x)) return bad(key, *s, "a coordinate is not a finite number");
      out.push_back(x);
      ++per_point;
      const char sep = end < s->size() ? (*s)[end] : ';';
      if (sep == ';') {
        if (per_point != state.d)
          return bad(key, *s, "a point has " + std::to_string(per_point) + " coordinates, d is " + std::to_string(state.d));
        per_point = 0;
      }
      if (out.size() > static_cast<std::size_t>(max_points_in(state.d) * state.d)) return bad(key, *s, "too many points");
      start = end + 1;
    }
    v = std::move(out);
  }
};

}  // namespace

bool AppState::operator==(const AppState& o) const {
  return to_fragment(*this) == to_fragment(o);
}

std::string to_fragment(const AppState& s) {
  static const std::map<std::string, std::string> defaults = [] {
    std::map<std::string, std::string> d;
    AppState def;
    Writer w{def, ""};
    w.collect = &d;
    visit_fields(def, w);
    return d;
  }();
  AppState copy = s;
  Writer w{s, "v=3"};
  w.defaults = &defaults;
  visit_fields(copy, w);
  return w.out;
}

std::string fragment_of(const AppState& s, std::initializer_list<const char*> keys) {
  AppState copy = s;
  Writer w{s, "", keys};  // every named field, default or not
  visit_fields(copy, w);
  return w.out;
}

LinkRead from_fragment(const std::string& fragment, const char* fallback) {
  LinkRead r;
  std::string f = fragment;
  if (!f.empty() && f[0] == '#') f.erase(0, 1);
  if (f.empty()) return r;
  std::map<std::string, std::string> values;
  std::size_t start = 0;
  while (start <= f.size()) {
    std::size_t end = f.find('&', start);
    if (end == std::string::npos) end = f.size();
    const std::string item = f.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const std::string key = percent_decode(item.substr(0, eq));
    if (eq == std::string::npos) {
      r.notices.push_back("'" + printable(key, 40) + "' has no value; ignored");
      continue;
    }
    if (values.count(key)) r.notices.push_back("'" + printable(key, 40) + "' appears twice; the last one is used");
    values[key] = percent_decode(item.substr(eq + 1));
  }
  const auto v = values.find("v");
  if (v != values.end() && v->second != "1" && v->second != "2" && v->second != "3")
    r.notices.push_back("link version '" + printable(v->second, 20) + "' is unknown; read as version 3");
  Reader reader{values, r.notices, r.state, fallback, {{"v", true}}};
  visit_fields(r.state, reader);
  for (const auto& [key, value] : values)
    if (!reader.used.count(key)) r.notices.push_back("unknown field '" + printable(key, 40) + "' ignored");
  for (const char* k : {"cx", "cy", "zoom", "yaw", "pitch"}) r.view_given = r.view_given || values.count(k);
  for (int* axis : {&r.state.axis_x, &r.state.axis_y})
    if (r.state.projection == "axes" && *axis >= r.state.d) {
      r.notices.push_back("'" + std::string(axis == &r.state.axis_x ? "ax" : "ay") + "=" + std::to_string(*axis) +
                          "': no such coordinate in dimension " + std::to_string(r.state.d) + "; using the default");
      *axis = axis == &r.state.axis_x ? 0 : std::min(1, r.state.d - 1);
    }
  if (r.state.preset == "digits" && r.state.d != kDigitPixels) {  // 8x8 images: a link need not say d
    if (values.count("d")) r.notices.push_back("'d=" + std::to_string(r.state.d) + "': the digits are 8x8 images, d is 64");
    r.state.d = kDigitPixels;
  }
  if (r.state.preset == "custom" && r.state.points.empty()) {
    r.notices.push_back("'preset=custom' without valid points; using the default preset");
    r.state.preset = AppState().preset;
  }
  // Before version 3 the classification tolerance defaulted to 0.2: an older link that leaves
  // it out keeps the numbers it was shared with.
  if (v != values.end() && (v->second == "1" || v->second == "2") && !values.count("tol")) r.state.tol = 0.2;
  r.budget = fit_to_budget(r.state);
  return r;
}

}  // namespace flowlab::app

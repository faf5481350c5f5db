#include "core/data/json.hpp"

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "core/data/csv.hpp"

namespace flowlab::json {
namespace {
// Builds the DOM from nlohmann's SAX events and refuses a key an object already has.
class Builder : public nlohmann::json_sax<Value> {
 public:
  Value root;
  std::string error;
  std::string duplicate;    // the key that appeared twice
  std::size_t occurrence = 0;  // ... for the how-many-th time as a key in the whole text

  bool null() override { return put(Value(nullptr)); }
  bool boolean(bool v) override { return put(Value(v)); }
  bool number_integer(number_integer_t v) override { return put(Value(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(Value(v)); }
  bool number_float(number_float_t v, const string_t&) override { return put(Value(v)); }
  bool string(string_t& v) override { return put(Value(std::move(v))); }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(Value::object()); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Value::array()); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    const std::size_t seen = ++seen_[k];
    if (!keys_.back().insert(k).second) {
      duplicate = k, occurrence = seen;
      return fail("the key " + quote(k.substr(0, 40)) + " appears twice in one object");
    }
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error ..."
    // or "[json.exception.out_of_range.406] number overflow parsing '1e400'": the part a person reads.
    std::string what = e.what();
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    else if (const auto tag = what.find("] "); tag != std::string::npos) what = what.substr(tag + 2);
    return fail(what.substr(0, 160) + " at byte " + std::to_string(position));
  }

 private:
  std::vector<Value*> stack_;
  std::vector<std::set<std::string>> keys_;
  std::map<std::string, std::size_t> seen_;
  std::string key_;

  bool fail(const std::string& what) {
    if (error.empty()) error = what;
    return false;
  }
  bool put(Value v) { return place(std::move(v)) != nullptr; }
  Value* place(Value v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    Value& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    return &(parent[key_] = std::move(v));
  }
  bool open(Value v) {
    if (stack_.size() >= 64) return fail("nesting deeper than 64 levels");
    const bool object = v.is_object();
    stack_.push_back(place(std::move(v)));
    if (object) keys_.emplace_back();
    return true;
  }
  bool close() {
    if (stack_.back()->is_object()) keys_.pop_back();
    stack_.pop_back();
    return true;
  }
};

// Where the `occurrence`-th key `k` stands in `text` (a quoted string followed by ':' is a key), or npos.
std::size_t key_position(const std::string& text, const std::string& k, std::size_t occurrence) {
  const std::string quoted = quote(k);
  std::size_t at = 0, found = 0;
  while ((at = text.find(quoted, at)) != std::string::npos) {
    std::size_t after = at + quoted.size();
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\n' || text[after] == '\r')) ++after;
    if (after < text.size() && text[after] == ':' && ++found == occurrence) return at;
    at += quoted.size();
  }
  return std::string::npos;
}
}  // namespace

Result<Value> parse(const std::string& text) {
  Builder b;
  const bool ok = Value::sax_parse(text, &b, nlohmann::json::input_format_t::json, true, false);
  if (ok && b.error.empty()) return std::move(b.root);
  std::string why = b.error.empty() ? "unreadable" : b.error;
  if (!b.duplicate.empty())
    if (const auto at = key_position(text, b.duplicate, b.occurrence); at != std::string::npos)
      why += " at byte " + std::to_string(at);
  return Error{"malformed JSON: " + why};
}

Result<double> number(const Value& object, const char* key, double fallback) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_number() || !std::isfinite(it->get<double>()))
    return Error{std::string("\"") + key + "\" must be a finite number"};
  return it->get<double>();
}

Result<std::int64_t> integer(const Value& object, const char* key, std::int64_t fallback, std::int64_t lo,
                             std::int64_t hi) {
  const auto it = object.find(key);
  if (it == object.end()) return fallback;
  const std::string range = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(hi)) return Error{std::string("\"") + key + "\" must be " + range};
    return static_cast<std::int64_t>(v);
  }
  if (it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    if (v < lo || v > hi) return Error{std::string("\"") + key + "\" must be " + range};
    return v;
  }
  if (it->is_number_float()) {  // 1e3 is an integer written as a float; 1.5, 1e400 and NaN are not
    const double v = it->get<double>();
    if (!(v >= static_cast<double>(lo) && v <= static_cast<double>(hi)) || v != std::floor(v))
      return Error{std::string("\"") + key + "\" must be " + range + " (got " + format_number(v) + ")"};
    return static_cast<std::int64_t>(v);
  }
  return Error{std::string("\"") + key + "\" must be " + range};
}

std::string number_text(double x) { return x == 0 && std::signbit(x) ? "-0.0" : format_number(x); }

std::string quote(const std::string& s) { return Value(s).dump(-1, ' ', false, Value::error_handler_t::replace); }

}  // namespace flowlab::json

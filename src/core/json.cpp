#include "json.hpp"

#include <cctype>
#include <cstdlib>

namespace flowlab::json {

const Value* Value::get(const std::string& key) const {
  const auto it = object.find(key);
  return type == Type::object && it != object.end() ? &it->second : nullptr;
}

namespace {
struct Parser {
  explicit Parser(const std::string& text) : s(text) {}
  const std::string& s;
  std::size_t i = 0;
  std::string error;
  int depth = 0;

  bool fail(const std::string& what) {
    if (error.empty()) error = what + " at byte " + std::to_string(i);
    return false;
  }
  void skip() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  bool literal(const char* word) {
    const std::string w(word);
    if (s.compare(i, w.size(), w) != 0) return fail("unexpected text");
    i += w.size();
    return true;
  }
  bool string(std::string& out) {
    if (s[i] != '"') return fail("expected a string");
    for (++i; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] == '\\') {
        if (++i >= s.size()) break;
        const char e = s[i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // our files only escape quotes and backslashes
      } else {
        out += s[i];
      }
    }
    if (i >= s.size()) return fail("unterminated string");
    ++i;
    return true;
  }
  bool value(Value& v) {
    if (++depth > 64) return fail("nesting too deep");
    skip();
    if (i >= s.size()) return fail("unexpected end");
    const char c = s[i];
    bool ok = true;
    if (c == '{') {
      v.type = Value::Type::object;
      ++i;
      skip();
      if (i < s.size() && s[i] == '}') ++i;
      else
        for (;;) {
          skip();
          std::string key;
          if (i >= s.size() || !string(key)) return fail("expected a key");
          skip();
          if (i >= s.size() || s[i] != ':') return fail("expected ':'");
          ++i;
          if (!value(v.object[key])) return false;
          skip();
          if (i < s.size() && s[i] == ',') { ++i; continue; }
          if (i < s.size() && s[i] == '}') { ++i; break; }
          return fail("expected ',' or '}'");
        }
    } else if (c == '[') {
      v.type = Value::Type::array;
      ++i;
      skip();
      if (i < s.size() && s[i] == ']') ++i;
      else
        for (;;) {
          v.array.emplace_back();
          if (!value(v.array.back())) return false;
          skip();
          if (i < s.size() && s[i] == ',') { ++i; continue; }
          if (i < s.size() && s[i] == ']') { ++i; break; }
          return fail("expected ',' or ']'");
        }
    } else if (c == '"') {
      v.type = Value::Type::string;
      ok = string(v.string);
    } else if (c == 't' || c == 'f') {
      v.type = Value::Type::boolean;
      v.boolean = c == 't';
      ok = literal(c == 't' ? "true" : "false");
    } else if (c == 'n') {
      ok = literal("null");
    } else {
      char* end = nullptr;
      v.type = Value::Type::number;
      v.number = std::strtod(s.c_str() + i, &end);
      if (end == s.c_str() + i) return fail("expected a value");
      i = static_cast<std::size_t>(end - s.c_str());
    }
    --depth;
    return ok;
  }
};
}  // namespace

Result<Value> parse(const std::string& text) {
  Parser p(text);
  Value v;
  if (!p.value(v)) return Error{"malformed JSON: " + p.error};
  p.skip();
  if (p.i != text.size()) return Error{"malformed JSON: extra text at byte " + std::to_string(p.i)};
  return v;
}

}  // namespace flowlab::json

#pragma once
// A small JSON reader for the files Flowlab writes itself (trained models):
// objects, arrays, numbers, strings, true/false/null. Errors name the byte
// offset. Numbers are parsed with strtod, so %.17g output round-trips exactly.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "result.hpp"

namespace flowlab::json {

struct Value {
  enum class Type { null, boolean, number, string, array, object } type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> array;
  std::map<std::string, Value> object;
  // The member `key` of an object, or nullptr.
  const Value* get(const std::string& key) const;
};

Result<Value> parse(const std::string& text);

}  // namespace flowlab::json

#pragma once
// Strict JSON for the files Flowlab reads (trained models): nlohmann::json
// (Debian's nlohmann-json3-dev, header-only, the same in WebAssembly) parses
// the RFC 8259 grammar; on top of it duplicate keys are refused (a file
// that says two things must not have one silently win). Errors name the
// byte offset. Parsing goes through nlohmann's SAX interface, so nothing
// is thrown (catching is off in the WASM build).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/runtime/result.hpp"

namespace flowlab::json {

using Value = nlohmann::json;

// The whole text as one JSON value; "malformed JSON: ... at byte N" otherwise.
Result<Value> parse(const std::string& text);

// Member `key` of an object as a number / an integer in [lo, hi], with errors that name the key.
// A missing key gives `fallback`.
Result<double> number(const Value& object, const char* key, double fallback);
Result<std::int64_t> integer(const Value& object, const char* key, std::int64_t fallback, std::int64_t lo,
                             std::int64_t hi);

// `x` as JSON number text that reads back bit for bit: the shortest round-trip text, and -0 as
// "-0.0" (JSON's "-0" reads back as the integer 0). Finite x only.
std::string number_text(double x);

// `s` as a JSON string literal, quotes and escapes included.
std::string quote(const std::string& s);

}  // namespace flowlab::json

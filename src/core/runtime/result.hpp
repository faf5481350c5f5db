#pragma once
// Errors are values: every operation that can fail on user input returns a
// Status or a Result<T> carrying a message a person can act on (what is wrong,
// where, and what to change). No exceptions cross the core, so the same code
// behaves identically natively and in WebAssembly (where catching is off).
#include <string>
#include <utility>
#include <variant>

namespace flowlab {

struct Error {
  std::string message;
};

class Status {
 public:
  Status() = default;
  Status(Error e) : ok_(false), message_(std::move(e.message)) {}  // NOLINT: implicit by design
  static Status ok() { return Status(); }
  bool is_ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const std::string& message() const { return message_; }

 private:
  bool ok_ = true;
  std::string message_;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}      // NOLINT: implicit by design
  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const std::string& message() const { return std::get<1>(v_).message; }
  Error error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace flowlab

// error.hpp — the value every expected failure returns.
//
// An Error is written for the person who will read it: what was wrong, where,
// and what to do. Functions that can fail in expected ways return
// std::expected<T, Error>; exceptions are kept for bugs and the outermost
// boundary.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace nyxmon::domain {

enum class ErrorCode {
  kInvalidArgument,  // input that can never be accepted (config, CLI, API)
  kNotFound,         // a named thing does not exist
  kConflict,         // an expected version or state did not hold
  kCorruption,       // stored bytes are damaged or inconsistent
  kUnsupported,      // a format, tag or version this build cannot read
  kUnavailable,      // a resource is busy or locked; retrying may help
  kIo,               // the operating system or storage failed
};

struct Error {
  ErrorCode code;
  std::string message;

  static Error invalid_argument(std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message)};
  }
  static Error not_found(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error corruption(std::string message) {
    return {ErrorCode::kCorruption, std::move(message)};
  }
  static Error unsupported(std::string message) {
    return {ErrorCode::kUnsupported, std::move(message)};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message)};
  }
  static Error io(std::string message) { return {ErrorCode::kIo, std::move(message)}; }
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function whose result is Result<T>.
inline std::unexpected<Error> fail(Error error) {
  return std::unexpected(std::move(error));
}

}  // namespace nyxmon::domain

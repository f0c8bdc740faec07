// error.hpp — the value every expected failure returns.
//
// An Error is written for the person who will read it: what was wrong, where,
// and what to do. Functions that can fail in expected ways return
// std::expected<T, Error>; exceptions are kept for bugs and the outermost
// boundary.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace nyxmon::domain {

// A closed set: the API maps each to an HTTP status
// (infrastructure/api/error_status.hpp) and the CLI to an exit code
// (tools/cli/exit_code.hpp), one table each. Nothing inspects a message's
// text to tell errors apart.
enum class ErrorCode {
  kInvalidArgument,  // input that can never be accepted (config, CLI, API)
  kNotFound,         // a named thing does not exist
  kConflict,         // the thing is not in a state that allows it (paused, running, stale)
  kCorruption,       // stored bytes are damaged or inconsistent
  kUnsupported,      // a format, tag or version this build cannot read
  kUnavailable,      // a resource is busy or locked, or cannot record now; retrying may help
  kIo,               // the operating system or storage failed
  kInternal,         // a bug: something that should not happen did
};

// The stable name of a code, as the control socket and the API's error
// bodies carry it: "invalid", "not_found", "conflict", "corruption",
// "unsupported", "unavailable", "io", "internal".
inline std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

// The code a name stands for; kInternal for a name this build does not know.
inline ErrorCode error_code_named(std::string_view name) {
  for (ErrorCode code :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kConflict,
        ErrorCode::kCorruption, ErrorCode::kUnsupported, ErrorCode::kUnavailable, ErrorCode::kIo}) {
    if (error_code_name(code) == name) return code;
  }
  return ErrorCode::kInternal;
}

struct Error {
  ErrorCode code;
  std::string message;  // whole, for a person: it names what and where itself
  std::string where;    // what it is about, for programs: a field path
                        // ("check.http.url"), a check or service id; may be empty

  static Error invalid_argument(std::string message, std::string where = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(where)};
  }
  static Error not_found(std::string message, std::string where = {}) {
    return {ErrorCode::kNotFound, std::move(message), std::move(where)};
  }
  static Error conflict(std::string message, std::string where = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(where)};
  }
  static Error corruption(std::string message) {
    return {ErrorCode::kCorruption, std::move(message), {}};
  }
  static Error unsupported(std::string message) {
    return {ErrorCode::kUnsupported, std::move(message), {}};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}};
  }
  static Error io(std::string message) { return {ErrorCode::kIo, std::move(message), {}}; }
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function whose result is Result<T>.
inline std::unexpected<Error> fail(Error error) {
  return std::unexpected(std::move(error));
}

}  // namespace nyxmon::domain

// number_text.hpp — numbers as people type them in configuration files, CLI
// arguments and API requests: the whole text must be the number.
//
// Built on std::from_chars, so nothing here throws or depends on the locale:
// "42" parses, while "", " 42", "42x", "-1" (for an unsigned type), "1e99"
// (out of range) and "." do not, and say so with nullopt.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace nyxmon::domain {

// An integer or floating-point `Number` spelled by all of `text` (decimal;
// floating point also accepts a fraction and an exponent); nullopt otherwise.
template <class Number>
std::optional<Number> parse_number(std::string_view text) {
  if (text.empty() || text.front() == '+') return std::nullopt;
  Number value{};
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(text.data(), last, value);
  if (error != std::errc() || end != last) return std::nullopt;
  return value;
}

}  // namespace nyxmon::domain

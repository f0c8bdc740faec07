// Fuzz target: text a target writes (bodies, headers, DNS answers), bounded
// for the record. Whatever comes in, what goes out is valid UTF-8 on one
// line, within the limit, and unchanged when it already was all of that.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/model/bounded_text.hpp"
#include "domain/model/utf8_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon::domain;
  if (size == 0) return 0;
  const std::size_t limit = 32 + data[0] % 224;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bounded = bounded_text(text, limit);
  if (bounded.size() > limit) __builtin_trap();
  if (valid_utf8(bounded) != bounded) __builtin_trap();
  if (bounded.find_first_of("\r\n") != std::string::npos) __builtin_trap();
  if (bounded_text(bounded, limit) != bounded) __builtin_trap();
  return 0;
}

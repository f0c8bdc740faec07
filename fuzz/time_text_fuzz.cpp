// Fuzz target: durations, instants and numbers as people type them (CLI
// arguments, configuration values, API query parameters).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/model/duration_text.hpp"
#include "domain/model/number_text.hpp"
#include "domain/model/time_text.hpp"
#include "tools/cli/time_argument.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon::domain;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto duration = parse_duration(text)) {
    if (*duration < Duration::zero()) __builtin_trap();
    (void)describe(*duration);
  }
  if (auto instant = parse_timestamp(text)) (void)format_timestamp(*instant);
  const Timestamp now = from_unix_nanos(1'800'000'000'000'000'000);
  (void)nyxmon::tools::parse_time_argument(text, now);
  (void)parse_number<int>(text);
  (void)parse_number<std::uint64_t>(text);
  (void)parse_number<double>(text);
  return 0;
}

// Fuzz target: a body a target sent, walked by a json_path from the
// configuration (a JSON Pointer or the dotted shorthand). Input: the path
// up to the first newline, the document after it. Whatever the two, the
// judge answers (a match, or why not) and never reads out of bounds; a
// pointer that validation accepts is walked as one.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/model/http_spec.hpp"
#include "infrastructure/probes/json_path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string path(input.substr(0, newline));
  const std::string_view document = input.substr(newline + 1);
  nyxmon::domain::HttpSpec spec;
  spec.url = "http://127.0.0.1/";
  spec.expect.json_path = path;
  spec.expect.json_equals = "1";
  nyxmon::domain::ValidationProblems problems;
  nyxmon::domain::validate(spec, "check.http", problems);
  if (path.empty()) return 0;
  const std::string why = nyxmon::infra::probes::json_mismatch(document, path, "1");
  // A mismatch always says what it is about.
  if (!why.empty() && why.find("JSON") == std::string::npos) __builtin_trap();
  return 0;
}

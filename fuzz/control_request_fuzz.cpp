// Fuzz target: what other processes send: a control-socket request (one
// JSON line) and a line of an export being imported.
#include <cstddef>
#include <cstdint>
#include <string>

#include "infrastructure/runtime/control_request.hpp"
#include "tools/cli/event_jsonl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  if (auto work = nyxmon::infra::runtime::parse_control_request(line)) {
    const nyxmon::projections::Projections empty;
    (void)work->expand(empty);
  }
  (void)nyxmon::tools::from_jsonl(line);
  return 0;
}

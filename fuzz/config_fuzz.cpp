// Fuzz target: the configuration parser (YAML and JSON documents, as files,
// `nyxmon apply`, SIGHUP and POST /api/v1/definitions give it). Every input
// must end in a configuration or an error that says where; a configuration
// that parses must reconcile into commands against an empty engine.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = infra::config::parse_config(text, "fuzz.yaml");
  if (!config) {
    if (!config.error().message.starts_with("fuzz.yaml")) __builtin_trap();  // no location
    return 0;
  }
  const projections::Projections empty;
  (void)infra::config::reconcile(*config, empty);
  return 0;
}

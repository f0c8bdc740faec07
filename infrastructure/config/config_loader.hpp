// config_loader.hpp — reads a YAML configuration into an EngineConfig.
//
// Every problem is reported, each on its own line, located in the file and
// named by its field path:
//   checks.yaml:14:7: services[0].checks[2].interval: '5x' is not a duration (use 30s, 5m, 1h)
// Unknown fields are problems too (with a suggestion when one is close), so
// a typo never silently drops a setting. The domain's own validation runs on
// every spec, and its problems are located the same way.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "infrastructure/config/engine_config.hpp"

namespace nyxmon::infra::config {

domain::Result<EngineConfig> load_config_file(const std::filesystem::path& path);

// Parses `text` as if read from a file called `source` (used in messages).
domain::Result<EngineConfig> parse_config(std::string_view text, const std::string& source);

}  // namespace nyxmon::infra::config

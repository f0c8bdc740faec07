// configuration_reload.hpp — SIGHUP's work: re-reads the configuration file
// and has the core apply it as `nyxmon apply` does (the commands are
// computed from the state when the core gets to them). A file with problems
// is logged (file:line:column) and changes nothing; changed engine settings
// are logged as needing a restart.
//
// reload() parses, which takes a while for a large file: call it on the
// service I/O thread, not on the probes' thread nor the core's.
#pragma once

#include <filesystem>

#include "infrastructure/config/engine_config.hpp"
#include "infrastructure/runtime/core_loop.hpp"

namespace nyxmon::infra::runtime {

class ConfigurationReload {
 public:
  // `path` empty: a reload is logged and changes nothing. `started_with`:
  // the engine settings in force.
  ConfigurationReload(CoreLoop& core, std::filesystem::path path,
                      config::EngineSettings started_with)
      : core_(core), path_(std::move(path)), started_with_(std::move(started_with)) {}

  void reload();

 private:
  CoreLoop& core_;
  std::filesystem::path path_;
  config::EngineSettings started_with_;
};

}  // namespace nyxmon::infra::runtime

// engine_config.hpp — what a configuration file says: the services, checks
// and notifiers to monitor with, the maintenance windows, and the engine's
// own settings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/check_spec.hpp"
#include "domain/model/maintenance_spec.hpp"
#include "domain/model/notifier_spec.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/service_spec.hpp"
#include "infrastructure/api/page_settings.hpp"
#include "infrastructure/api/server_tls.hpp"
#include "infrastructure/eventstore/store_options.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::config {

// engine.max_in_flight (and `nyxmon run --max-in-flight`): at least one
// probe must be able to run, or no check ever would.
inline constexpr domain::NumberRange kMaxInFlightRange{1, 100'000};
inline constexpr domain::NumberRange kMaxExecInFlightRange{1, 1000};
// engine.io_threads: 0 means one per CPU the machine has.
inline constexpr domain::NumberRange kIoThreadsRange{0, 64};
// engine.snapshot_every: fewer events between snapshots would spend the
// engine's time writing them.
inline constexpr domain::NumberRange kSnapshotEveryRange{1'000, 1'000'000'000};

// engine.backup: a hot backup every `every` into `to`, keeping `keep`.
inline constexpr domain::NumberRange kBackupKeepRange{1, 10'000};
struct BackupSettings {
  std::string to;
  domain::Duration every = std::chrono::hours(24);
  std::size_t keep = 7;

  bool operator==(const BackupSettings&) const = default;
};

struct EngineSettings {
  eventstore::Durability durability = eventstore::Durability::kSync;
  std::size_t max_in_flight = 512;               // probes running at once, at most
  std::size_t max_exec_in_flight = 16;           // of them, commands of exec checks
  unsigned io_threads = 0;                       // threads that probe; 0: one per CPU
  std::uint64_t snapshot_every = 100'000;        // events between projection snapshots
  std::string listen = "127.0.0.1:8787";         // the HTTP server; "off": none
  std::string api_token;                         // empty: <data>/api-token, generated
  bool public_reads = false;                     // reads (page, API, /metrics) without a token
  std::optional<domain::Duration> keep_results;  // retention of run events; forever when unset
  system::LogLevel log_level = system::LogLevel::kInfo;  // engine.log_level
  api::StatusPageSettings status_page;                   // the top-level status_page section
  std::optional<api::ServerTlsFiles> tls;                // engine.tls: HTTPS with these files
  std::optional<BackupSettings> backup;                  // engine.backup: scheduled backups

  bool operator==(const EngineSettings&) const = default;
};

struct EngineConfig {
  std::vector<domain::ServiceSpec> services;
  std::vector<domain::CheckSpec> checks;
  std::vector<domain::NotifierSpec> notifiers;
  std::vector<domain::MaintenanceSpec> maintenance;  // windows; each from_configuration
  EngineSettings settings;
  std::string source;  // the file it came from
  std::string hash;    // SHA-256 of the file's bytes, hex
};

}  // namespace nyxmon::infra::config

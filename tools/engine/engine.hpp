// engine.hpp — the engine as `nyxmon run` assembles it from its parts, and
// the one place that says which part runs on which thread and in what order
// they start and stop.
//
//   core thread (the caller of run())  CoreLoop and its CoreParts:
//                                      NotificationDelivery, ViewPublishing,
//                                      DecisionLog, SnapshotKeeping,
//                                      HistoryRetention, MaintenanceClock
//   probe I/O threads (io_threads)     AsioProbeRunner (each run on one of
//                                      them, in turn); the first also
//                                      SignalHandlers, ControlSocket
//   service I/O thread (nice 19)       HttpService, WebhookNotifier,
//                                      ConfigurationReload
//
// The I/O threads only ever push commands into the core's inbox; the core
// hands them work through ports (ProbeRunner, Notifier).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "infrastructure/api/api_router.hpp"
#include "infrastructure/api/http_server.hpp"
#include "infrastructure/config/engine_config.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/notify/webhook_notifier.hpp"
#include "infrastructure/runtime/asio_probe_runner.hpp"
#include "infrastructure/runtime/backup_runner.hpp"
#include "infrastructure/runtime/backup_schedule.hpp"
#include "infrastructure/runtime/configuration_reload.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/decision_log.hpp"
#include "infrastructure/runtime/history_retention.hpp"
#include "infrastructure/runtime/http_service.hpp"
#include "infrastructure/runtime/io_runtime.hpp"
#include "infrastructure/runtime/maintenance_clock.hpp"
#include "infrastructure/runtime/notification_clock.hpp"
#include "infrastructure/runtime/notification_delivery.hpp"
#include "infrastructure/runtime/service_manager.hpp"
#include "infrastructure/runtime/signal_handlers.hpp"
#include "infrastructure/runtime/snapshot_keeping.hpp"
#include "infrastructure/runtime/view_publishing.hpp"

namespace nyxmon::tools {

struct EngineOptions {
  std::size_t max_in_flight = 512;
  std::size_t max_exec_in_flight = 16;  // commands of exec checks at once
  unsigned io_threads = 0;              // threads that probe; 0: one per CPU
  std::uint64_t snapshot_every = 100'000;
  std::string version = NYXMON_VERSION_STRING;
  // The data directory, where the HTTP server's bound address is written
  // (nyxmon.http); empty: nowhere.
  std::filesystem::path control_directory;
  infra::api::ApiSettings api;
  // Retention: run events older than this are removed (hourly, and once at
  // start); nullopt keeps everything.
  std::optional<domain::Duration> keep_results;
  // The configuration file SIGHUP re-reads and applies (as nyxmon apply);
  // empty: SIGHUP is logged and changes nothing.
  std::filesystem::path config_path;
  // The engine settings it started with: a re-read that changes them says
  // that a restart is needed for them.
  infra::config::EngineSettings settings;
  // How long a stop waits for notifications being delivered.
  std::chrono::milliseconds delivery_grace = std::chrono::seconds(5);
};

// The engine's listening sockets, bound by the caller before the store is
// opened; an absent one is not served.
struct EngineSockets {
  std::optional<infra::api::ListeningSocket> http;
  std::optional<infra::api::ServerTls> http_tls;  // engine.tls: HTTPS on `http`
  std::optional<infra::runtime::ControlListener> control;
};

class Engine {
 public:
  // Restores the projections from `store` (snapshot + log) and builds the
  // parts; nothing runs yet. `store` must outlive the engine.
  static domain::Result<std::unique_ptr<Engine>> open(infra::eventstore::EventStore& store,
                                                      EngineOptions options);
  ~Engine();  // stops whatever still runs, in order
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Handles signals, serves the sockets, records EngineStarted (with the
  // configuration's hash) and reconciles the configuration. The
  // configuration is not needed afterwards.
  domain::Result<void> start(const infra::config::EngineConfig& config, EngineSockets sockets);

  // Runs the core loop on the calling thread until SIGINT or SIGTERM, then
  // waits a while for deliveries under way, records EngineStopped and a
  // snapshot, and stops the threads. Fails when the stop could not be
  // recorded.
  domain::Result<void> run();

 private:
  Engine(infra::eventstore::EventStore& store, EngineOptions options,
         projections::Projections restored, std::uint64_t events_lost);
  infra::runtime::SubmitWork submitter();
  // Stops HTTP (its address file goes) and the I/O threads, then drops what
  // refers to them.
  void stop_threads();

  infra::eventstore::EventStore& store_;
  EngineOptions options_;
  infra::runtime::CoreLoop core_;
  // One runtime per probe thread (engine.io_threads), one thread each.
  std::vector<std::unique_ptr<infra::runtime::IoRuntime>> probe_io_;
  // HTTP, notifications and reloads: readers of the API and slow webhook
  // receivers yield to probing.
  infra::runtime::IoRuntime service_io_{1, 19};
  infra::runtime::AsioProbeRunner probes_;
  infra::notify::WebhookNotifier notifier_;
  infra::runtime::NotificationDelivery delivery_;
  infra::runtime::ViewPublishing views_;
  infra::runtime::DecisionLog decision_log_;
  infra::runtime::SnapshotKeeping snapshots_;
  std::optional<infra::runtime::HistoryRetention> retention_;
  infra::runtime::MaintenanceClock maintenance_clock_;
  infra::runtime::NotificationClock notification_clock_;
  infra::runtime::ConfigurationReload reload_;
  infra::runtime::ServiceManagerNotifier service_manager_;
  // Hot backups (nyxmon backup, engine.backup), off the engine's threads.
  infra::runtime::BackupRunner backups_;
  std::optional<infra::runtime::BackupSchedule> backup_schedule_;
  std::unique_ptr<infra::runtime::SignalHandlers> signals_;
  std::unique_ptr<infra::runtime::ControlSocket> control_;
  std::unique_ptr<infra::runtime::HttpService> http_;
};

}  // namespace nyxmon::tools

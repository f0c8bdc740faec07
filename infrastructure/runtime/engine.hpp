// engine.hpp — the running engine: the synchronous core on one thread, the
// I/O on another, and the inbox between them.
//
// The core thread (the caller of run()) is the single writer: it pops due
// checks from the schedule projection, drains the inbox, decides, appends
// one batch, applies it to the projections, and hands the effects out —
// probes to start, replies to send. It sleeps on the inbox until the next
// check is due, so timers cost nothing while idle. Probes, signals and the
// control socket live on the I/O thread and only ever push commands.
//
// Why one core thread: decisions need a consistent state and the log a
// single writer; one thread gives both without locks, and group commit makes
// it fast enough.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/config/engine_config.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/runtime/asio_probe_runner.hpp"
#include "infrastructure/runtime/control_request.hpp"
#include "infrastructure/runtime/inbox.hpp"
#include "infrastructure/runtime/io_runtime.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::runtime {

struct EngineOptions {
  std::size_t max_in_flight = 512;
  std::uint64_t snapshot_every = 100'000;
  std::string version = NYXMON_VERSION_STRING;
  // Where the control socket goes (nyxmon.sock); empty: none.
  std::filesystem::path control_directory;
  // Log status changes and engine events to stderr.
  bool log_to_stderr = true;
};

using Reply = std::function<void(const domain::CommandOutcome&)>;

struct InboxItem {
  std::variant<domain::Command, CommandExpander> work;
  Reply reply;              // may be empty; gets the outcome of all its commands
  bool from_probe = false;  // a probe's result: one less in flight
};

class Engine {
 public:
  Engine(eventstore::EventStore& store, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Restores the projections (snapshot + log), records EngineStarted (with
  // the configuration's hash) and reconciles the configuration.
  domain::Result<void> start(const config::EngineConfig& config);

  // Runs the core loop on the calling thread until stop is requested, then
  // records EngineStopped and a snapshot. SIGINT and SIGTERM request a stop.
  domain::Result<void> run();

  // Thread-safe. `reason` goes into EngineStopped ("SIGTERM").
  void request_stop(std::string reason);

  // Thread-safe: queues a command for the core; `reply` gets its outcome.
  void submit(domain::Command command, Reply reply = {});
  void submit(CommandExpander expand, Reply reply = {});

  // Core thread only (or before run()).
  const projections::Projections& projections() const { return projections_; }
  std::uint64_t events_appended() const { return events_appended_; }

 private:
  domain::BatchResult dispatch(std::vector<InboxItem>& items, domain::Timestamp now);
  void log_decisions(const domain::BatchResult& batch);
  void maybe_snapshot(bool force);

  eventstore::EventStore& store_;
  EngineOptions options_;
  SystemClock clock_;
  eventstore::StoreEventLog log_;
  projections::Projections projections_;
  domain::MessageBus bus_;
  Inbox<InboxItem> inbox_;
  std::unique_ptr<IoRuntime> io_;
  std::unique_ptr<AsioProbeRunner> probes_;
  struct Control;
  std::unique_ptr<Control> control_;
  std::atomic<bool> stop_requested_ = false;
  std::string stop_reason_;
  std::mutex stop_mutex_;
  std::size_t in_flight_ = 0;
  std::uint64_t events_appended_ = 0;
  std::uint64_t snapshot_at_ = 0;
  int storage_failures_ = 0;
};

}  // namespace nyxmon::infra::runtime

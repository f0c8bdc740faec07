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
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "domain/ports/notifier.hpp"
#include "infrastructure/api/api_router.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/http_server.hpp"
#include "infrastructure/api/view_builder.hpp"
#include "infrastructure/config/engine_config.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/runtime/asio_probe_runner.hpp"
#include "infrastructure/runtime/control_request.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "infrastructure/runtime/inbox.hpp"
#include "infrastructure/runtime/io_runtime.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::runtime {

struct EngineOptions {
  std::size_t max_in_flight = 512;
  std::uint64_t snapshot_every = 100'000;
  std::string version = NYXMON_VERSION_STRING;
  // The data directory, where the HTTP server's bound address is written
  // (nyxmon.http); empty: nowhere.
  std::filesystem::path control_directory;
  // Log status changes and engine events to stderr.
  bool log_to_stderr = true;
  api::ApiSettings api;
  // Retention: run events older than this are removed (hourly, and once at
  // start); nullopt keeps everything.
  std::optional<domain::Duration> keep_results;
  // The configuration file SIGHUP re-reads and applies (as nyxmon apply);
  // empty: SIGHUP is logged and changes nothing.
  std::filesystem::path config_path;
  // The engine settings it started with: a re-read that changes them says
  // that a restart is needed for them.
  config::EngineSettings settings;
  // How long a stop waits for notifications being delivered.
  std::chrono::milliseconds delivery_grace = std::chrono::seconds(5);
};

// The engine's listening sockets, bound by the caller before the store is
// opened; an absent one is not served.
struct EngineSockets {
  std::optional<api::ListeningSocket> http;
  std::optional<ControlListener> control;
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

  // Restores the projections (snapshot + log), serves the sockets, records
  // EngineStarted (with the configuration's hash) and reconciles the
  // configuration.
  domain::Result<void> start(const config::EngineConfig& config, EngineSockets sockets = {});

  // Runs the core loop on the calling thread until stop is requested, then
  // records EngineStopped and a snapshot. SIGINT and SIGTERM request a stop;
  // SIGHUP re-reads the configuration file and applies it.
  domain::Result<void> run();

  // Thread-safe. `reason` goes into EngineStopped ("SIGTERM").
  void request_stop(std::string reason);

  // Thread-safe: queues a command for the core; `reply` gets its outcome.
  void submit(domain::Command command, Reply reply = {});
  void submit(CommandExpander expand, Reply reply = {});

  // Core thread only (or before run()).
  const projections::Projections& projections() const { return projections_; }
  std::uint64_t events_appended() const { return events_appended_; }
  // The address the HTTP server listens on ("127.0.0.1:41234"), empty when off.
  const std::string& http_address() const { return http_address_; }

 private:
  domain::BatchResult dispatch(std::vector<InboxItem>& items, domain::Timestamp now);
  void log_decisions(const domain::BatchResult& batch);
  // Carries out what an appended decision asked for.
  void execute(const domain::Effect& effect);
  void maybe_snapshot(bool force);
  domain::Result<void> start_http(api::ListeningSocket socket);
  // Publishes a fresh view when a reader wants one (at most every 250 ms),
  // or at once when `force`; then sends the replies held back until the
  // view showed their effects.
  void publish_and_reply(bool force);
  // Hands due notifications to the notifier; returns when the next retry is due.
  std::optional<domain::Timestamp> deliver_notifications(domain::Timestamp now);
  // At stop: records the outcome of deliveries under way, for a while.
  void finish_deliveries();
  // Applies keep_results when it is due.
  void maybe_truncate(domain::Timestamp now);
  // A failed append: stop recording, say so, keep what can be kept.
  void stop_recording(const domain::Error& error);
  // While not recording: holds results and delivery outcomes, and answers
  // everything else with the storage problem.
  void hold_or_refuse(std::vector<InboxItem>& items);
  // While not recording, now and then (or `now`): opens the store again and
  // appends what was held.
  void try_to_record_again(bool now);
  // Waits for the next SIGHUP, then re-reads and applies the configuration.
  void await_reload();
  void reload_configuration();
  // At the end: drops what is still queued, before the I/O it refers to goes.
  void discard_inbox();

  eventstore::EventStore& store_;
  EngineOptions options_;
  SystemClock clock_;
  eventstore::StoreEventLog log_;
  projections::Projections projections_;
  domain::MessageBus bus_;
  Inbox<InboxItem> inbox_;
  std::unique_ptr<IoRuntime> io_;
  std::unique_ptr<AsioProbeRunner> probes_;
  // HTTP and notifications run here, apart from the probes.
  std::unique_ptr<IoRuntime> service_io_;
  std::unique_ptr<domain::Notifier> notifier_;
  std::set<domain::NotificationId> delivering_;
  api::ViewPublisher views_;
  api::ViewBuilder view_builder_;
  std::unique_ptr<api::ApiRouter> router_;
  std::unique_ptr<api::HttpServer> http_;
  std::string http_address_;
  std::chrono::steady_clock::time_point published_at_{};
  std::vector<std::pair<Reply, domain::CommandOutcome>> replies_;
  domain::Timestamp started_at_{};
  domain::Timestamp next_truncation_{};
  struct Control;
  std::unique_ptr<Control> control_;
  std::atomic<bool> stop_requested_ = false;
  std::string stop_reason_;
  std::mutex stop_mutex_;
  std::size_t in_flight_ = 0;
  std::uint64_t events_appended_ = 0;
  std::uint64_t snapshot_at_ = 0;
  // False from a failed append (a full disk, say) until the store takes
  // writes again: probing pauses, reads are served from memory, and the
  // store is opened again every few seconds.
  bool recording_ = true;
  std::string store_problem_;
  std::chrono::steady_clock::time_point not_recording_since_{};
  std::chrono::steady_clock::time_point next_store_attempt_{};
  std::chrono::steady_clock::time_point told_at_{};
  // Probe results and delivery outcomes that arrived while the store could
  // not record; appended first when it can again.
  std::vector<InboxItem> unrecorded_;
  // Events lost and recorded by nyxmon repair, as the store said at start.
  std::uint64_t events_lost_ = 0;
};

}  // namespace nyxmon::infra::runtime

#include "tools/engine/engine.hpp"

#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <thread>

#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;
using namespace nyxmon::infra;
using infra::runtime::InboxItem;

namespace {

// engine.io_threads runtimes of one thread each; 0 asks for one per CPU.
std::vector<std::unique_ptr<runtime::IoRuntime>> probe_runtimes(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<runtime::IoRuntime>> runtimes;
  for (unsigned i = 0; i < threads; ++i)
    runtimes.push_back(std::make_unique<runtime::IoRuntime>(1));
  return runtimes;
}

std::vector<runtime::IoRuntime*> raw(const std::vector<std::unique_ptr<runtime::IoRuntime>>& all) {
  std::vector<runtime::IoRuntime*> pointers;
  for (const auto& io : all)
    pointers.push_back(io.get());
  return pointers;
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::open(eventstore::EventStore& store, EngineOptions options) {
  auto loaded = eventstore::load_projections(store, store.read_view(), std::nullopt);
  if (!loaded) return fail(std::move(loaded.error()));
  auto losses = store.recorded_losses();
  if (!losses) return fail(std::move(losses.error()));
  std::uint64_t events_lost = 0;
  for (const auto& lost : *losses)
    events_lost += lost.count();
  if (events_lost > 0) {
    system::log_warn(
        fmt::format("{} event(s) of this store were lost and recorded by nyxmon repair",
                    events_lost),
        {{"event", "events_lost"}, {"count", std::to_string(events_lost)}});
  }
  return std::unique_ptr<Engine>(
      new Engine(store, std::move(options), std::move(loaded->projections), events_lost));
}

Engine::Engine(eventstore::EventStore& store, EngineOptions options,
               projections::Projections restored, std::uint64_t events_lost)
    : store_(store),
      options_(std::move(options)),
      core_(store, std::move(restored), options_.max_in_flight),
      probe_io_(probe_runtimes(options_.io_threads)),
      probes_(
          raw(probe_io_), [this](RecordResult result) { core_.report_result(std::move(result)); },
          options_.max_exec_in_flight),
      notifier_(service_io_.executor(),
                [this](RecordNotificationAttempt attempt) { core_.submit(std::move(attempt)); }),
      delivery_(core_, notifier_),
      views_(core_, options_.version, runtime::SystemClock().now(), events_lost),
      snapshots_(store, core_, options_.snapshot_every),
      maintenance_clock_(core_),
      notification_clock_(core_),
      reload_(core_, options_.config_path, options_.settings),
      service_manager_(core_),
      backups_(store) {
  core_.set_probe_runner(probes_);
  // In this order after every batch: deliveries end, the view and the log
  // follow, then the housekeeping that may take a while.
  core_.add_part(delivery_);
  core_.add_part(views_);
  core_.add_part(decision_log_);
  core_.add_part(snapshots_);
  if (options_.keep_results) {
    retention_.emplace(store, core_, *options_.keep_results);
    core_.add_part(*retention_);
  }
  core_.add_part(maintenance_clock_);
  core_.add_part(notification_clock_);
  core_.add_part(service_manager_);
  if (const auto& backup = options_.settings.backup) {
    backup_schedule_.emplace(backups_, backup->to, backup->every, backup->keep);
    core_.add_part(*backup_schedule_);
  }
}

Engine::~Engine() {
  probes_.cancel_all();
  stop_threads();
}

void Engine::stop_threads() {
  http_.reset();
  service_io_.stop();
  for (auto& io : probe_io_)
    io->stop();
  // Asio objects go once no thread runs their handlers any more; queued
  // replies belong to HTTP requests whose timers live on the service
  // io_context, so they go while it exists (stopped is fine).
  control_.reset();
  signals_.reset();
  core_.discard_queued();
}

runtime::SubmitWork Engine::submitter() {
  return [this](runtime::ControlWork work, runtime::Reply reply) {
    core_.submit(std::move(work), std::move(reply));
  };
}

Result<void> Engine::start(const config::EngineConfig& config, EngineSockets sockets) {
  const std::string scheme = sockets.http_tls ? "https://" : "http://";
  signals_ = std::make_unique<runtime::SignalHandlers>(
      probe_io_.front()->context(),
      [this](std::string reason) { core_.request_stop(std::move(reason)); },
      // Parsing a large file takes a while: not on the probes' thread.
      [this] { service_io_.post([this] { reload_.reload(); }); });
  if (sockets.control) {
    control_ = runtime::ControlSocket::open(
        probe_io_.front()->context(), std::move(*sockets.control), submitter(),
        [this](std::filesystem::path to, std::size_t keep,
               std::function<void(std::string)> answer) {
          backups_.start(std::move(to), keep,
                         [answer = std::move(answer)](Result<eventstore::EventStore::Backup> done) {
                           answer(runtime::backup_answer(done));
                         });
        });
  }

  std::vector<InboxItem> items;
  items.push_back(InboxItem{Command(StartEngine{options_.version, config.hash}), {}, false});
  if (auto started = core_.dispatch(items); started.storage_error)
    return fail(std::move(*started.storage_error));
  std::vector<InboxItem> definitions;
  for (auto& command : config::reconcile(config, core_.projections())) {
    definitions.push_back(InboxItem{std::move(command), {}, false});
  }
  auto reconciled = core_.dispatch(definitions);
  if (reconciled.storage_error) return fail(std::move(*reconciled.storage_error));
  for (const CommandOutcome& outcome : reconciled.outcomes) {
    if (!outcome.accepted()) {
      const Error& why = *outcome.rejection;
      return fail(Error{why.code, "configuration not applied: " + why.message, why.where});
    }
  }
  // Two seconds read the last runs of some ten thousand checks.
  if (auto recalled = views_.recall(store_.read_view(), std::chrono::seconds(2)); !recalled) {
    system::log_warn("the per-run bars start empty: reading the last runs failed: " +
                     recalled.error().message);
  } else if (const auto checks = std::ranges::count_if(
                 core_.projections().checks().all(),
                 [](const domain::CheckRecord* check) { return !check->removed; });
             *recalled < static_cast<std::size_t>(checks)) {
    system::log_info(
        fmt::format("the per-run bars of {} checks were read from the log; the "
                    "others start empty",
                    *recalled));
  }
  views_.publish_now();
  views_.views().set_wake([this] { core_.wake(); });
  if (sockets.http) {
    auto http = runtime::HttpService::start(
        service_io_.context(), std::move(*sockets.http), views_.views(), store_, submitter(),
        options_.api, options_.control_directory, std::move(sockets.http_tls));
    if (!http) return fail(std::move(http.error()));
    http_ = std::move(*http);
  }
  // Parsing and reconciling a large configuration leaves freed memory
  // behind; give it back before settling in.
  malloc_trim(0);
  const std::string address = http_ ? http_->address() : std::string();
  system::log_info(
      fmt::format("started (version {}): {} checks in {} services; store at sequence {}{}",
                  options_.version, config.checks.size(), config.services.size(), store_.head(),
                  address.empty() ? "" : "; " + scheme + address + "/"),
      {{"event", "started"},
       {"version", options_.version},
       {"checks", std::to_string(config.checks.size())},
       {"services", std::to_string(config.services.size())},
       {"sequence", std::to_string(store_.head())},
       {"http", address}});
  service_manager_.ready();
  return {};
}

Result<void> Engine::run() {
  const std::string reason = core_.run();
  service_manager_.stopping();

  probes_.cancel_all();
  core_.record_held_now();  // a last chance to record the stop
  delivery_.finish(options_.delivery_grace);
  auto stopped = core_.record_stop(reason);
  if (core_.outage().recording()) snapshots_.save_last();
  stop_threads();
  system::log_info(
      fmt::format("stopped ({}); {} events recorded this run", reason, core_.events_appended()),
      {{"event", "stopped"},
       {"reason", reason},
       {"events", std::to_string(core_.events_appended())}});
  return stopped;
}

}  // namespace nyxmon::tools

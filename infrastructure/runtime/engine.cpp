#include "infrastructure/runtime/engine.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <malloc.h>

#include <boost/asio/signal_set.hpp>

#include "domain/model/duration_text.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/eventstore/retention.hpp"
#include "infrastructure/notify/webhook_notifier.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "infrastructure/system/log.hpp"

#include <fstream>
#include <limits>

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

namespace {
// How often a store that cannot record is opened again.
constexpr std::chrono::seconds kStoreRetryInterval{5};

// Facts from outside (a probe's result, a delivery's outcome) wait for a
// store that cannot record rather than being dropped; other commands are
// answered with the storage problem.
bool waits_for_the_store(const Command& command) {
  return std::holds_alternative<RecordResult>(command) ||
         std::holds_alternative<RecordNotificationAttempt>(command);
}
}  // namespace

struct Engine::Control {
  std::unique_ptr<boost::asio::signal_set> signals;
  std::unique_ptr<boost::asio::signal_set> reload;
  std::unique_ptr<ControlSocket> socket;
};

Engine::Engine(eventstore::EventStore& store, EngineOptions options)
    : store_(store),
      options_(std::move(options)),
      log_(store),
      bus_(log_, projections_),
      control_(std::make_unique<Control>()) {}

Engine::~Engine() {
  if (probes_) probes_->cancel_all();
  http_.reset();
  if (service_io_) service_io_->stop();
  if (io_) io_->stop();
  // Asio objects go once no thread runs their handlers any more.
  control_->socket.reset();
  control_->signals.reset();
  control_->reload.reset();
  discard_inbox();
}

void Engine::discard_inbox() {
  // Replies still queued belong to HTTP requests whose timers live on the
  // service io_context: they must go while it exists (stopped is fine).
  std::vector<InboxItem> rest;
  inbox_.drain_until(rest, std::numeric_limits<std::size_t>::max(),
                     std::chrono::steady_clock::now());
  replies_.clear();
}

void Engine::submit(Command command, Reply reply) {
  inbox_.push(InboxItem{std::move(command), std::move(reply), false});
}

void Engine::submit(CommandExpander expand, Reply reply) {
  inbox_.push(InboxItem{std::move(expand), std::move(reply), false});
}

void Engine::request_stop(std::string reason) {
  {
    std::lock_guard lock(stop_mutex_);
    if (stop_reason_.empty()) stop_reason_ = std::move(reason);
  }
  stop_requested_ = true;
  inbox_.interrupt();
}

Result<void> Engine::start(const config::EngineConfig& config, EngineSockets sockets) {
  const auto view = store_.read_view();
  auto loaded = eventstore::load_projections(store_, view, std::nullopt);
  if (!loaded) return fail(std::move(loaded.error()));
  projections_ = std::move(loaded->projections);
  snapshot_at_ = projections_.checkpoint();
  auto losses = store_.recorded_losses();
  if (!losses) return fail(std::move(losses.error()));
  for (const auto& lost : *losses)
    events_lost_ += lost.count();
  if (events_lost_ > 0 && options_.log_to_stderr) {
    system::log_warn(
        fmt::format("{} event(s) of this store were lost and recorded by nyxmon repair",
                    events_lost_),
        {{"event", "events_lost"}, {"count", std::to_string(events_lost_)}});
  }

  io_ = std::make_unique<IoRuntime>(1);
  probes_ = std::make_unique<AsioProbeRunner>(*io_, [this](RecordResult result) {
    inbox_.push(InboxItem{Command(std::move(result)), {}, true});
  });
  // Readers of the API and slow webhook receivers yield to probing.
  service_io_ = std::make_unique<IoRuntime>(1, 19);
  notifier_ = std::make_unique<notify::WebhookNotifier>(
      service_io_->executor(), [this](RecordNotificationAttempt attempt) {
        inbox_.push(InboxItem{Command(std::move(attempt)), {}, false});
      });
  started_at_ = clock_.now();
  control_->signals = std::make_unique<boost::asio::signal_set>(io_->context(), SIGINT, SIGTERM);
  control_->signals->async_wait([this](boost::system::error_code error, int signal) {
    if (!error) request_stop(signal == SIGINT ? "SIGINT" : "SIGTERM");
  });
  control_->reload = std::make_unique<boost::asio::signal_set>(io_->context(), SIGHUP);
  await_reload();
  if (sockets.control) {
    control_->socket = ControlSocket::open(io_->context(), std::move(*sockets.control), *this);
  }

  std::vector<InboxItem> items;
  items.push_back(InboxItem{Command(StartEngine{options_.version, config.hash}), {}, false});
  auto started = dispatch(items, clock_.now());
  if (started.storage_error) return fail(std::move(*started.storage_error));
  std::vector<InboxItem> definitions;
  for (auto& command : config::reconcile(config, projections_)) {
    definitions.push_back(InboxItem{std::move(command), {}, false});
  }
  auto reconciled = dispatch(definitions, clock_.now());
  if (reconciled.storage_error) return fail(std::move(*reconciled.storage_error));
  for (std::size_t i = 0; i < reconciled.outcomes.size(); ++i) {
    if (!reconciled.outcomes[i].accepted()) {
      const Error& why = *reconciled.outcomes[i].rejection;
      return fail(Error{why.code, "configuration not applied: " + why.message, why.where});
    }
  }
  publish_and_reply(true);
  views_.set_wake([this] { inbox_.interrupt(); });
  if (sockets.http) {
    if (auto http = start_http(std::move(*sockets.http)); !http) return http;
  }
  // Parsing and reconciling a large configuration leaves freed memory
  // behind; give it back before settling in.
  malloc_trim(0);
  if (options_.log_to_stderr) {
    system::log_info(
        fmt::format("started (version {}): {} checks in {} services; store at sequence {}{}",
                    options_.version, config.checks.size(), config.services.size(), store_.head(),
                    http_address_.empty() ? "" : "; http://" + http_address_ + "/"),
        {{"event", "started"},
         {"version", options_.version},
         {"checks", std::to_string(config.checks.size())},
         {"services", std::to_string(config.services.size())},
         {"sequence", std::to_string(store_.head())},
         {"http", http_address_}});
  }
  return {};
}

void Engine::await_reload() {
  control_->reload->async_wait([this](boost::system::error_code error, int) {
    if (error) return;  // the engine is stopping
    // Parsing a large file takes a while: not on the probes' thread.
    service_io_->post([this] { reload_configuration(); });
    await_reload();
  });
}

void Engine::reload_configuration() {
  if (options_.config_path.empty()) {
    system::log_warn("SIGHUP: no configuration file to re-read", {{"event", "reload"}});
    return;
  }
  const std::string source = options_.config_path.string();
  auto config = config::load_config_file(source);
  if (!config) {
    system::log_warn("SIGHUP: " + config.error().message,
                     {{"event", "reload"}, {"source", source}, {"error", config.error().message}});
    system::log_warn("SIGHUP: nothing changed", {{"event", "reload"}, {"source", source}});
    return;
  }
  const auto& now = config->settings;
  const auto& then = options_.settings;
  if (now.durability != then.durability || now.max_in_flight != then.max_in_flight ||
      now.snapshot_every != then.snapshot_every || now.listen != then.listen ||
      now.api_token != then.api_token || now.public_reads != then.public_reads ||
      now.keep_results != then.keep_results || now.log_level != then.log_level) {
    system::log_warn(
        "SIGHUP: " + source + " changes engine settings; they take effect at the next start",
        {{"event", "reload"}, {"source", source}});
  }
  submit(CommandExpander([config = std::move(*config)](const projections::Projections& state) {
           return config::reconcile(config, state);
         }),
         [source](const CommandOutcome& outcome) {
           if (!outcome.accepted()) {
             system::log_warn("SIGHUP: " + source + " was not applied: " + outcome.why(),
                              {{"event", "reload"}, {"source", source}, {"error", outcome.why()}});
           } else {
             system::log_info(fmt::format("SIGHUP: applied {}: {} event{} recorded", source,
                                          outcome.event_count, outcome.event_count == 1 ? "" : "s"),
                              {{"event", "reload"},
                               {"source", source},
                               {"events", std::to_string(outcome.event_count)}});
           }
         });
}

Result<void> Engine::start_http(api::ListeningSocket socket) {
  router_ = std::make_unique<api::ApiRouter>(
      service_io_->executor(), views_, store_,
      [this](ControlWork work, std::function<void(const CommandOutcome&)> reply) {
        inbox_.push(InboxItem{std::move(work.work), std::move(reply), false});
      },
      options_.api);
  http_ = api::HttpServer::start(
      service_io_->context(), std::move(socket),
      [router = router_.get()](api::HttpRequest request, api::Respond respond) {
        router->handle(std::move(request), std::move(respond));
      });
  http_address_ = http_->bound_address();
  if (!options_.control_directory.empty()) {
    const auto path = options_.control_directory / "nyxmon.http";
    std::ofstream out(path, std::ios::trunc);
    out << http_address_ << "\n";
    if (!out) return fail(Error::io("cannot write " + path.string()));
  }
  return {};
}

void Engine::publish_and_reply(bool force) {
  const auto now = std::chrono::steady_clock::now();
  const auto age = now - published_at_;
  if (force || !replies_.empty() || (views_.wanted() && age >= api::ViewPublisher::kMaxAge) ||
      (age >= api::ViewPublisher::kRenewUnread && view_builder_.has_changes())) {
    api::EngineContext context{
        options_.version, started_at_, in_flight_, options_.max_in_flight,
        api::StoreHealth{recording_, store_problem_, unrecorded_.size(), events_lost_}};
    const bool wait = force || !replies_.empty();
    if (views_.publish(view_builder_.build(projections_, context, clock_.now()), wait))
      published_at_ = now;
  }
  for (auto& [reply, outcome] : replies_)
    reply(outcome);
  replies_.clear();
}

std::optional<Timestamp> Engine::deliver_notifications(Timestamp now) {
  std::optional<Timestamp> next;
  std::vector<Command> given_up;
  for (const auto& [id, pending] : projections_.outbox().pending()) {
    if (delivering_.contains(id)) continue;
    if (pending.next_attempt > now) {
      if (!next || pending.next_attempt < *next) next = pending.next_attempt;
      continue;
    }
    const NotifierSpec* spec = projections_.outbox().notifier(pending.request.notifier);
    if (!spec) {
      given_up.push_back(RecordNotificationAttempt{.notification = id,
                                                   .notifier = pending.request.notifier,
                                                   .attempt = pending.attempts + 1,
                                                   .reason = "the notifier is no longer defined",
                                                   .check = pending.request.check,
                                                   .kind = pending.request.kind});
      continue;
    }
    delivering_.insert(id);
    notifier_->deliver(pending.request, *spec, pending.attempts + 1);
  }
  for (auto& command : given_up)
    submit(std::move(command));
  return next;
}

void Engine::maybe_truncate(Timestamp now) {
  if (!options_.keep_results || now < next_truncation_) return;
  next_truncation_ = now + std::chrono::hours(1);
  auto report = eventstore::truncate_history(store_, now - *options_.keep_results, now);
  if (!report) {
    system::log_warn("retention failed (will retry in an hour): " + report.error().message,
                     {{"event", "retention"}, {"error", report.error().message}});
    return;
  }
  if (!report->recorded) return;
  projections_.apply(*report->recorded);
  events_appended_ += 1;
  if (options_.log_to_stderr) {
    system::log_info(fmt::format("retention removed {} run events below sequence {}",
                                 report->removed, report->before_sequence),
                     {{"event", "retention"},
                      {"removed", std::to_string(report->removed)},
                      {"before_sequence", std::to_string(report->before_sequence)}});
  }
}

void Engine::finish_deliveries() {
  const auto deadline = std::chrono::steady_clock::now() + options_.delivery_grace;
  std::vector<InboxItem> items;
  while (!delivering_.empty() && std::chrono::steady_clock::now() < deadline) {
    items.clear();
    inbox_.drain_until(items, 4096, deadline);
    // Only delivery outcomes are recorded now: results of the probes just
    // cancelled say nothing about their targets, and other requests are
    // answered by the next start.
    std::erase_if(items, [](const InboxItem& item) {
      const auto* command = std::get_if<Command>(&item.work);
      return !command || !std::holds_alternative<RecordNotificationAttempt>(*command);
    });
    if (!items.empty()) dispatch(items, clock_.now());
  }
  replies_.clear();
}

BatchResult Engine::dispatch(std::vector<InboxItem>& items, Timestamp now) {
  std::vector<Command> commands;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // per item: first command, count
  for (auto& item : items) {
    const std::size_t first = commands.size();
    if (auto* command = std::get_if<Command>(&item.work)) {
      commands.push_back(std::move(*command));
    } else {
      for (auto& expanded : std::get<CommandExpander>(item.work)(projections_)) {
        commands.push_back(std::move(expanded));
      }
    }
    spans.emplace_back(first, commands.size() - first);
  }
  BatchResult batch = bus_.dispatch(commands, now);
  if (batch.storage_error) {
    stop_recording(*batch.storage_error);
    for (std::size_t c = 0; c < commands.size(); ++c) {
      if (waits_for_the_store(commands[c]) && batch.outcomes[c].not_recorded) {
        unrecorded_.push_back(InboxItem{commands[c], {}, false});
      }
    }
  }
  events_appended_ += batch.appended.size();

  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [first, count] = spans[i];
    if (items[i].from_probe) --in_flight_;
    CommandOutcome combined;
    for (std::size_t c = first; c < first + count; ++c) {
      const CommandOutcome& outcome = batch.outcomes[c];
      if (!outcome.accepted()) {
        if (const auto* run = std::get_if<RunCheck>(&commands[c])) projections_.requeue(run->check);
        if (!combined.rejection) combined.rejection = outcome.rejection;
      }
      combined.event_count += outcome.event_count;
    }
    if (items[i].reply) replies_.emplace_back(std::move(items[i].reply), combined);
  }
  for (const Command& command : commands) {
    if (const auto* attempt = std::get_if<RecordNotificationAttempt>(&command))
      delivering_.erase(attempt->notification);
  }
  if (batch.storage_error) {
    // Nothing was applied: due checks go back into the schedule.
    for (const Command& command : commands) {
      if (const auto* run = std::get_if<RunCheck>(&command)) projections_.requeue(run->check);
    }
    return batch;
  }
  for (const Effect& effect : batch.effects)
    execute(effect);
  view_builder_.observe(batch.appended);
  log_decisions(batch);
  return batch;
}

void Engine::execute(const Effect& effect) {
  std::visit(
      [this](const StartProbe& probe) {
        ++in_flight_;
        probes_->start(probe.spec, probe.run, probe.due_at);
      },
      effect);
}

void Engine::stop_recording(const Error& error) {
  const auto now = std::chrono::steady_clock::now();
  if (recording_) {
    recording_ = false;
    not_recording_since_ = now;
    next_store_attempt_ = now + kStoreRetryInterval;
    told_at_ = now;
    system::log_error("CANNOT RECORD: " + error.message,
                      {{"event", "not_recording"}, {"error", error.message}});
    system::log_error(fmt::format("probing is paused and reads are served from memory; the store "
                                  "is opened again every {}s until it takes writes",
                                  kStoreRetryInterval.count()),
                      {{"event", "not_recording"}});
  }
  store_problem_ = error.message;
}

void Engine::hold_or_refuse(std::vector<InboxItem>& items) {
  CommandOutcome refused;
  refused.rejection =
      Error::unavailable("not recorded: the store cannot record now (" + store_problem_ + ")");
  refused.not_recorded = true;
  for (auto& item : items) {
    if (item.from_probe) --in_flight_;
    if (auto* command = std::get_if<Command>(&item.work)) {
      if (waits_for_the_store(*command)) {
        unrecorded_.push_back(InboxItem{std::move(*command), {}, false});
        continue;
      }
      if (const auto* run = std::get_if<RunCheck>(command)) projections_.requeue(run->check);
    }
    if (item.reply) replies_.emplace_back(std::move(item.reply), refused);
  }
  items.clear();
}

void Engine::try_to_record_again(bool now) {
  const auto at = std::chrono::steady_clock::now();
  if (recording_ || (!now && at < next_store_attempt_)) return;
  next_store_attempt_ = at + kStoreRetryInterval;
  if (store_.write_failure()) {
    if (auto reopened = store_.reopen(); !reopened) {
      if (at - told_at_ >= std::chrono::minutes(1)) {
        told_at_ = at;
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(at - not_recording_since_).count();
        system::log_error(
            fmt::format("still cannot record ({}s): {}", seconds, reopened.error().message),
            {{"event", "not_recording"},
             {"seconds", std::to_string(seconds)},
             {"error", reopened.error().message}});
      }
      store_problem_ = reopened.error().message;
      return;
    }
  }
  std::vector<InboxItem> held = std::move(unrecorded_);
  unrecorded_.clear();
  recording_ = true;
  dispatch(held, clock_.now());
  if (!recording_) return;
  store_problem_.clear();
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(at - not_recording_since_).count();
  system::log_info(fmt::format("recording again after {}s; {} result(s) held meanwhile recorded",
                               seconds, held.size()),
                   {{"event", "recording_again"},
                    {"seconds", std::to_string(seconds)},
                    {"held", std::to_string(held.size())}});
}

void Engine::log_decisions(const BatchResult& batch) {
  if (!options_.log_to_stderr) return;
  const bool every_result = system::log_enabled(system::LogLevel::kDebug);
  for (const Envelope& envelope : batch.appended) {
    if (const auto* changed = std::get_if<CheckStatusChanged>(&envelope.event)) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      system::log_info(fmt::format("{} check {}: {} → {} ({}){}", at, changed->check.value,
                                   to_string(changed->from), to_string(changed->to), changed->rule,
                                   changed->reason.empty() ? "" : ": " + changed->reason),
                       {{"event", "CheckStatusChanged"},
                        {"recorded_at", at},
                        {"sequence", std::to_string(envelope.sequence)},
                        {"check", changed->check.value},
                        {"from", std::string(to_string(changed->from))},
                        {"to", std::string(to_string(changed->to))},
                        {"rule", changed->rule},
                        {"reason", changed->reason}});
    } else if (const auto* service = std::get_if<ServiceStatusChanged>(&envelope.event)) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      system::log_info(fmt::format("{} service {}: {} → {}", at, service->service.value,
                                   to_string(service->from), to_string(service->to)),
                       {{"event", "ServiceStatusChanged"},
                        {"recorded_at", at},
                        {"sequence", std::to_string(envelope.sequence)},
                        {"service", service->service.value},
                        {"from", std::string(to_string(service->from))},
                        {"to", std::string(to_string(service->to))}});
    } else if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event);
               recorded && every_result) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      const auto& result = recorded->result;
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(result.duration);
      system::log_debug(
          fmt::format("{} check {}: run {}: {}{} in {} ms", at, recorded->check.value,
                      recorded->run, to_string(result.outcome),
                      result.reason.empty() ? "" : " — " + result.reason, took.count()),
          {{"event", "CheckResultRecorded"},
           {"recorded_at", at},
           {"sequence", std::to_string(envelope.sequence)},
           {"check", recorded->check.value},
           {"run", std::to_string(recorded->run)},
           {"outcome", std::string(to_string(result.outcome))},
           {"reason", result.reason},
           {"duration_ms", std::to_string(took.count())}});
    }
  }
}

void Engine::maybe_snapshot(bool force) {
  const std::uint64_t checkpoint = projections_.checkpoint();
  if (checkpoint == snapshot_at_) return;
  if (!force && checkpoint - snapshot_at_ < options_.snapshot_every) return;
  if (auto saved = eventstore::save_snapshot(store_, projections_); !saved) {
    system::log_warn("cannot store a snapshot: " + saved.error().message,
                     {{"event", "snapshot"}, {"error", saved.error().message}});
    return;
  }
  snapshot_at_ = checkpoint;
}

Result<void> Engine::run() {
  std::vector<InboxItem> items;
  while (!stop_requested_) {
    const Timestamp now = clock_.now();
    items.clear();
    const std::size_t capacity =
        options_.max_in_flight > in_flight_ ? options_.max_in_flight - in_flight_ : 0;
    try_to_record_again(false);
    auto wake = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    if (recording_) {
      for (const auto& due : projections_.schedule().pop_due(now, capacity)) {
        items.push_back(InboxItem{Command(RunCheck{due.check, due.due_at}), {}, false});
      }
      if (auto retry = deliver_notifications(now)) {
        const auto until_retry =
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(*retry - now);
        wake = std::min(wake, std::chrono::steady_clock::now() + std::max(until_retry, {}));
      }
    } else {
      wake = std::min(wake, next_store_attempt_);
    }
    if (!items.empty()) {
      wake = std::chrono::steady_clock::now();
    } else if (auto next = projections_.schedule().next(); next && capacity > 0 && recording_) {
      const auto until_due =
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(next->due_at - now);
      wake = std::min(wake, std::chrono::steady_clock::now() + std::max(until_due, {}));
    }
    inbox_.drain_until(items, 4096, wake);
    if (items.empty()) {
      publish_and_reply(false);
      continue;
    }
    if (recording_)
      dispatch(items, clock_.now());
    else
      hold_or_refuse(items);
    publish_and_reply(false);
    if (!recording_) continue;
    maybe_snapshot(false);
    maybe_truncate(clock_.now());
  }

  probes_->cancel_all();
  try_to_record_again(true);  // a last chance to record the stop
  finish_deliveries();
  std::string reason;
  {
    std::lock_guard lock(stop_mutex_);
    reason = stop_reason_;
  }
  std::vector<InboxItem> stop;
  stop.push_back(InboxItem{Command(StopEngine{reason}), {}, false});
  auto stopped = dispatch(stop, clock_.now());
  replies_.clear();
  if (recording_) maybe_snapshot(true);
  if (http_ && !options_.control_directory.empty()) {
    std::error_code ignored;
    std::filesystem::remove(options_.control_directory / "nyxmon.http", ignored);
  }
  http_.reset();
  service_io_->stop();
  io_->stop();
  control_->socket.reset();
  control_->signals.reset();
  control_->reload.reset();
  discard_inbox();
  if (options_.log_to_stderr) {
    system::log_info(
        fmt::format("stopped ({}); {} events recorded this run", reason, events_appended_),
        {{"event", "stopped"},
         {"reason", std::string(reason)},
         {"events", std::to_string(events_appended_)}});
  }
  if (stopped.storage_error || !unrecorded_.empty()) {
    return fail(Error::io(
        "stopped without recording the stop: the store cannot record (" + store_problem_ + "); " +
        std::to_string(unrecorded_.size()) +
        " result(s) held in memory are lost, and runs under way will be recorded as abandoned "
        "at the next start"));
  }
  return {};
}

}  // namespace nyxmon::infra::runtime

#include "infrastructure/api/view_builder.hpp"

#include <algorithm>

#include "infrastructure/eventstore/stream_range.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

constexpr std::string_view kCheckStreamPrefix = "check-";

std::shared_ptr<const CheckView> check_view(const CheckRecord& record,
                                            const projections::Projections& state,
                                            const LiveFigures& figures) {
  auto check = std::make_shared<CheckView>();
  check->record = state.checks().shared(record.spec->id);
  check->kind = kind_of(record.spec->probe);
  if (const auto* live = figures.check(record.spec->id)) {
    check->last_full = live->last();
    check->outcomes = live->outcomes;
    check->recent_runs = live->recent_runs();
  }
  check->rings = state.rings(record.spec->id);
  check->incidents = state.incidents().of(record.spec->id);
  if (record.spec->enabled && record.state.status != Status::kPaused)
    check->next_due = record.next.due_at;
  return check;
}

bool changes_catalog(const Event& event) {
  return std::holds_alternative<CheckDefined>(event) ||
         std::holds_alternative<CheckRedefined>(event) ||
         std::holds_alternative<CheckRemoved>(event) ||
         std::holds_alternative<ServiceDefined>(event) ||
         std::holds_alternative<ServiceRemoved>(event);
}

}  // namespace

void ViewBuilder::observe(std::span<const Envelope> batch) {
  figures_.observe(batch);
  for (const Envelope& envelope : batch) {
    if (changes_catalog(envelope.event)) catalog_changed_ = true;
    const std::string_view stream = envelope.stream;
    if (!stream.starts_with(kCheckStreamPrefix)) continue;
    const std::string_view check = stream.substr(kCheckStreamPrefix.size());
    if (!changed_.contains(check)) changed_.emplace(check);
  }
}

domain::Result<std::size_t> ViewBuilder::recall(const eventstore::ReadView& log,
                                                std::uint64_t until_sequence,
                                                const projections::Projections& state,
                                                std::chrono::steady_clock::time_point deadline) {
  // A run is a CheckScheduled and a CheckResultRecorded, with the odd
  // status change between.
  constexpr std::size_t kEventsRead = kRecentRuns * 2 + 8;
  std::size_t recalled = 0;
  for (const CheckRecord* record : state.checks().all()) {
    if (record->removed) continue;
    if (std::chrono::steady_clock::now() >= deadline) break;
    const std::string stream = stream_of(record->spec->id);
    auto last = eventstore::last_version_until(log, stream, until_sequence);
    if (!last) return fail(std::move(last.error()));
    if (*last == 0) continue;
    auto events = eventstore::read_stream_range(log, stream, 1, *last, kEventsRead);
    if (!events) return fail(std::move(events.error()));
    for (const Envelope& envelope : *events)
      figures_.recall(envelope);
    changed_.insert(record->spec->id.value);
    ++recalled;
  }
  return recalled;
}

void ViewBuilder::build_catalog(EngineView& view, const projections::Projections& state) {
  std::vector<const CheckRecord*> records = state.checks().all();
  std::erase_if(records, [](const CheckRecord* record) { return record->removed; });
  std::sort(records.begin(), records.end(),
            [](const CheckRecord* a, const CheckRecord* b) { return a->spec->id < b->spec->id; });
  auto catalog = std::make_shared<EngineView::Catalog>();
  std::unordered_map<std::string, std::shared_ptr<const CheckView>> previous;
  if (last_) {
    for (const auto& [id, index] : last_->catalog->check_index)
      previous.emplace(id, last_->checks[index]);
  }
  view.checks.reserve(records.size());
  for (const CheckRecord* record : records) {
    const std::string& id = record->spec->id.value;
    const auto cached = previous.find(id);
    view.checks.push_back(cached != previous.end() && !changed_.contains(id)
                              ? cached->second
                              : check_view(*record, state, figures_));
    if (const auto* push = std::get_if<HeartbeatSpec>(&record->spec->probe);
        push && !push->token.empty()) {
      catalog->heartbeat_tokens.emplace(push->token, id);
    }
    catalog->check_index.emplace(id, view.checks.size() - 1);
  }
  view.catalog = std::move(catalog);
}

std::shared_ptr<const EngineView> ViewBuilder::build(const projections::Projections& state,
                                                     const EngineContext& context, Timestamp now) {
  auto view = std::make_shared<EngineView>();
  view->taken_at = now;
  if (catalog_changed_ || !last_) {
    build_catalog(*view, state);
    catalog_changed_ = false;
  } else {
    // The same checks in the same places: rebuild only those that changed.
    view->catalog = last_->catalog;
    view->checks = last_->checks;
    for (const std::string& id : changed_) {
      const auto at = view->catalog->check_index.find(id);
      const CheckRecord* record = state.find_check(CheckId{id});
      if (at == view->catalog->check_index.end() || !record) continue;
      view->checks[at->second] = check_view(*record, state, figures_);
    }
  }
  changed_.clear();

  for (const ServiceRecord* record : state.services().all()) {
    if (record->removed) continue;
    ServiceView service;
    service.spec = record->spec;
    service.status = record->status;
    service.since = record->status_since;
    for (const CheckId& id : record->checks) {
      if (const auto it = view->catalog->check_index.find(id.value);
          it != view->catalog->check_index.end())
        service.checks.push_back(it->second);
    }
    view->services.push_back(std::move(service));
  }

  for (const MaintenanceRecord* window : state.maintenance().all()) {
    if (!window->removed) view->maintenance.push_back(*window);
  }

  for (const SilenceRecord* silence : state.silence_records().all()) {
    if (!silence->ended_at && silence->spec.ends_at > view->taken_at)
      view->silences.push_back(*silence);
  }

  EngineFigures& engine = view->engine;
  engine.version = context.version;
  engine.started_at = context.started_at;
  engine.sequence = state.checkpoint();
  engine.events_appended = figures_.events();
  engine.batches = figures_.batches();
  engine.probes_in_flight = context.probes_in_flight;
  engine.max_in_flight = context.max_in_flight;
  engine.notifications_pending = state.outbox().pending().size();
  engine.delivery_failures = state.outbox().delivery_failures();
  engine.batch_sizes = figures_.batch_sizes();
  engine.scheduling_lag = figures_.scheduling_lag();
  engine.store = context.store;
  last_ = view;
  return view;
}

}  // namespace nyxmon::infra::api

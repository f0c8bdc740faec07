#include "infrastructure/api/view_builder.hpp"

#include <chrono>

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

// Bars for the `Count` buckets of `width` ending with the one holding `now`,
// oldest first, from a ring indexed by bucket number modulo its size.
template <std::size_t Count, class Ring>
std::array<UptimeBar, Count> bars(const Ring* ring, std::chrono::seconds width, Timestamp now) {
  std::array<UptimeBar, Count> out{};
  const auto current =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()) / width;
  for (std::size_t i = 0; i < Count; ++i) {
    const auto index = current - static_cast<std::int64_t>(Count - 1 - i);
    out[i].start = Timestamp(std::chrono::duration_cast<Timestamp::duration>(index * width));
    if (!ring || index < 0) continue;
    const auto& bucket = (*ring)[static_cast<std::size_t>(index) % ring->size()];
    if (bucket.index != static_cast<std::uint32_t>(index)) continue;
    out[i].results = bucket.results;
    out[i].good = bucket.good;
  }
  return out;
}

}  // namespace

std::shared_ptr<const EngineView> build_view(const projections::Projections& state,
                                             const LiveFigures& figures,
                                             const EngineContext& context, Timestamp now) {
  auto view = std::make_shared<EngineView>();
  view->taken_at = now;

  std::vector<const CheckRecord*> records = state.checks().all();
  std::erase_if(records, [](const CheckRecord* record) { return record->removed; });
  std::sort(records.begin(), records.end(),
            [](const CheckRecord* a, const CheckRecord* b) { return a->spec.id < b->spec.id; });
  view->checks.reserve(records.size());
  for (const CheckRecord* record : records) {
    CheckView check;
    check.spec = record->spec;
    check.kind = std::string(kind_of(record->spec.probe));
    check.state = record->state;
    check.since = record->status_since;
    check.status_reason = record->status_reason;
    check.last = record->last_result;
    if (const auto* live = figures.check(record->spec.id)) {
      check.last_full = live->last;
      check.outcomes = live->outcomes;
    }
    const auto* rings = state.statistics().rings(record->spec.id);
    check.hours = bars<24>(rings ? &rings->hours : nullptr, std::chrono::hours(1), now);
    check.days = bars<30>(rings ? &rings->days : nullptr, std::chrono::hours(24), now);
    check.day = state.statistics().window(record->spec.id, projections::StatsWindow::kDay, now);
    check.month = state.statistics().window(record->spec.id, projections::StatsWindow::kMonth, now);
    check.incidents = state.incidents().of(record->spec.id);
    if (record->spec.enabled && record->state.status != Status::kPaused)
      check.next_due = record->next.due_at;
    if (const auto* push = std::get_if<HeartbeatSpec>(&record->spec.probe);
        push && !push->token.empty()) {
      view->heartbeat_tokens.emplace(push->token, record->spec.id.value);
    }
    view->check_index.emplace(record->spec.id.value, view->checks.size());
    view->checks.push_back(std::move(check));
  }

  for (const ServiceRecord* record : state.services().all()) {
    if (record->removed) continue;
    ServiceView service;
    service.spec = record->spec;
    service.status = record->status;
    service.since = record->status_since;
    for (const CheckId& id : record->checks) {
      if (const auto it = view->check_index.find(id.value); it != view->check_index.end())
        service.checks.push_back(it->second);
    }
    view->services.push_back(std::move(service));
  }

  EngineFigures& engine = view->engine;
  engine.version = context.version;
  engine.started_at = context.started_at;
  engine.sequence = state.checkpoint();
  engine.events_appended = figures.events();
  engine.batches = figures.batches();
  engine.probes_in_flight = context.probes_in_flight;
  engine.max_in_flight = context.max_in_flight;
  engine.notifications_pending = state.outbox().pending().size();
  engine.batch_sizes = figures.batch_sizes();
  engine.scheduling_lag = figures.scheduling_lag();
  return view;
}

}  // namespace nyxmon::infra::api

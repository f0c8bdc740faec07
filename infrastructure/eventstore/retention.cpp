#include "infrastructure/eventstore/retention.hpp"

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"

namespace nyxmon::infra::eventstore {

using namespace nyxmon::domain;

bool is_run_event(std::uint32_t type_tag) {
  return type_tag == CheckScheduled::kTag || type_tag == CheckResultRecorded::kTag ||
         type_tag == HeartbeatReceived::kTag || type_tag == CheckRunAbandoned::kTag;
}

Result<TruncationReport> truncate_history(EventStore& store, Timestamp horizon, Timestamp now,
                                          const ProgressCallback& progress) {
  TruncationReport report;
  const ReadView view = store.read_view();
  auto last_kept = sequence_at(view, horizon);
  if (!last_kept) return fail(std::move(last_kept.error()));
  auto previous = store.truncation();
  if (!previous) return fail(std::move(previous.error()));
  report.before_sequence = *last_kept + 1;
  if (*last_kept == 0 || report.before_sequence <= previous->before_sequence) {
    report.before_sequence = 0;
    return report;
  }
  // The snapshot at the horizon comes first: from then on, every state
  // after the horizon can be rebuilt without the events about to go.
  auto at_horizon = load_projections(store, view, *last_kept);
  if (!at_horizon) return fail(std::move(at_horizon.error()));
  if (auto saved = save_snapshot(store, at_horizon->projections); !saved)
    return fail(std::move(saved.error()));
  auto removed = store.remove_before(
      report.before_sequence, horizon,
      [](const RecordView& record) { return is_run_event(record.type_tag); }, progress);
  if (!removed) return fail(std::move(removed.error()));
  report.removed = *removed;
  StoreEventLog log(store);
  auto recorded = log.append({HistoryTruncated{report.before_sequence, horizon, *removed}}, now);
  if (!recorded) return fail(std::move(recorded.error()));
  report.recorded = std::move(recorded->front());
  return report;
}

}  // namespace nyxmon::infra::eventstore

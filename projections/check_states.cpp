#include "projections/check_states.hpp"

#include <algorithm>

#include "domain/state/event_route.hpp"
#include "domain/state/legacy_result_facts.hpp"
#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "CHKS";
constexpr std::uint16_t kVersion =
    5;  // 2: acknowledgements, 3: depends_on, 4: told per notifier, 5: exec, metrics
}  // namespace

const CheckRecord* CheckStates::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  const Event& event = envelope.event;
  const EventRoute to = route(event);
  if (to.every_check) {
    for (auto& [id, record] : records_)
      fold(record.writable(), event, envelope.recorded_at);
    return nullptr;
  }
  if (to.check == nullptr) return nullptr;
  if (std::holds_alternative<CheckDefined>(event)) {
    CheckRecord& record = records_[*to.check].writable();
    fold(record, event, envelope.recorded_at);
    return &record;
  }
  auto it = records_.find(*to.check);
  if (it == records_.end()) return nullptr;
  CheckRecord& record = it->second.writable();
  // A result of schema 1 gets its facts here, once, from the record it is
  // folded into.
  std::optional<Event> filled;
  fold(record, with_result_facts(event, record, filled), envelope.recorded_at);
  return &record;
}

const CheckRecord* CheckStates::find(const CheckId& id) const {
  auto it = records_.find(id);
  return it == records_.end() ? nullptr : it->second.get();
}

std::shared_ptr<const CheckRecord> CheckStates::shared(const CheckId& id) const {
  auto it = records_.find(id);
  return it == records_.end() ? nullptr : it->second.share();
}

std::vector<const CheckRecord*> CheckStates::all() const {
  std::vector<const CheckRecord*> sorted;
  sorted.reserve(records_.size());
  for (const auto& [id, record] : records_)
    sorted.push_back(record.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const CheckRecord* a, const CheckRecord* b) { return a->spec.id < b->spec.id; });
  return sorted;
}

void CheckStates::snapshot(std::string& out) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  const auto sorted = all();
  writer(static_cast<std::uint32_t>(sorted.size()));
  for (const CheckRecord* record : sorted)
    writer(*record);
}

Result<void> CheckStates::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto checkpoint = read_snapshot_header(reader, kMagic, kVersion);
  if (!checkpoint) return fail(std::move(checkpoint.error()));
  std::uint32_t count = 0;
  reader(count);
  std::unordered_map<CheckId, SharedPiece<CheckRecord>> records;
  for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
    auto record = std::make_shared<CheckRecord>();
    reader(*record);
    CheckId id = record->spec.id;
    records.emplace(std::move(id), SharedPiece<CheckRecord>(std::move(record)));
  }
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("check states"));
  records_ = std::move(records);
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections

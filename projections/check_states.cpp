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

std::optional<CheckSlot> CheckStates::intern(const Event& event) {
  const CheckId* check = check_named(event);
  if (check == nullptr) return std::nullopt;
  const CheckSlot slot = slots_.intern(*check);
  if (slot >= records_.size()) records_.resize(slot + 1);
  return slot;
}

const CheckRecord* CheckStates::apply(const Envelope& envelope, std::optional<CheckSlot> slot) {
  checkpoint_ = envelope.sequence;
  const Event& event = envelope.event;
  if (std::holds_alternative<EngineStarted>(event)) {
    for (auto& record : records_)
      if (record.get()) fold(record.writable(), event, envelope.recorded_at);
    return nullptr;
  }
  if (!slot) return nullptr;
  SharedPiece<CheckRecord>& piece = records_[*slot];
  if (std::holds_alternative<CheckDefined>(event)) {
    if (!piece.get()) ++count_;
    CheckRecord& record = piece.writable();
    fold(record, event, envelope.recorded_at);
    return &record;
  }
  if (!piece.get()) return nullptr;
  CheckRecord& record = piece.writable();
  // A result of schema 1 gets its facts here, once, from the record it is
  // folded into.
  std::optional<Event> filled;
  fold(record, with_result_facts(event, record, filled), envelope.recorded_at);
  return &record;
}

const CheckRecord* CheckStates::find(const CheckId& id) const {
  const auto slot = slots_.find(id);
  return slot ? at(*slot) : nullptr;
}

std::shared_ptr<const CheckRecord> CheckStates::shared(const CheckId& id) const {
  const auto slot = slots_.find(id);
  return slot && records_[*slot].get() ? records_[*slot].share() : nullptr;
}

std::vector<const CheckRecord*> CheckStates::all() const {
  std::vector<const CheckRecord*> sorted;
  sorted.reserve(count_);
  for (const auto& record : records_)
    if (record.get()) sorted.push_back(record.get());
  std::sort(sorted.begin(), sorted.end(),
            [](const CheckRecord* a, const CheckRecord* b) { return a->spec->id < b->spec->id; });
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
  CheckSlots slots;
  std::vector<SharedPiece<CheckRecord>> records;
  for (std::uint32_t i = 0; i < count && reader.ok(); ++i) {
    auto record = std::make_shared<CheckRecord>();
    reader(*record);
    const CheckSlot slot = slots.intern(record->spec->id);
    if (slot < records.size()) return fail(damaged_snapshot("check states"));  // twice
    records.emplace_back(std::move(record));
  }
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("check states"));
  slots_ = std::move(slots);
  records_ = std::move(records);
  count_ = records_.size();
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections

#include "projections/projections.hpp"

#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "NYXP";
// Version 2 added the maintenance windows, 3 the silences; an older
// snapshot has none.
constexpr std::uint16_t kOldestVersion = 1;
constexpr std::uint16_t kVersion = 3;
}  // namespace

void Projections::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  last_event_at_ = envelope.recorded_at;
  // The one hash of the event's check id: the others are handed its slot.
  const std::optional<CheckSlot> slot = checks_.intern(envelope.event);
  if (const CheckRecord* changed = checks_.apply(envelope, slot)) schedule_.update(*changed, *slot);
  if (std::holds_alternative<EngineStarted>(envelope.event)) schedule_.rebuild(checks_);
  services_.apply(envelope);
  statistics_.apply(envelope, slot);
  incidents_.apply(envelope);
  outbox_.apply(envelope);
  maintenance_.apply(envelope);
  silences_.apply(envelope);
}

std::vector<CheckId> Projections::check_ids() const {
  std::vector<CheckId> ids;
  for (const CheckRecord* record : checks_.all())
    ids.push_back(record->spec->id);  // all() is in id order
  return ids;
}

std::vector<std::pair<domain::CheckId, domain::RunId>> Projections::runs_in_flight() const {
  std::vector<std::pair<domain::CheckId, domain::RunId>> runs;
  for (const domain::CheckRecord* record : checks_.all()) {
    if (record->run_in_flight && !record->removed)
      runs.emplace_back(record->spec->id, *record->run_in_flight);
  }
  return runs;
}

std::shared_ptr<const CheckStatistics::Rings> Projections::rings(const CheckId& check) const {
  const auto slot = checks_.slots().find(check);
  return slot ? statistics_.rings(*slot) : nullptr;
}

WindowStats Projections::window(const CheckId& check, StatsWindow window, Timestamp now) const {
  const auto slot = checks_.slots().find(check);
  return slot ? statistics_.window(*slot, window, now) : WindowStats{};
}

void Projections::requeue(const CheckId& id) {
  const auto slot = checks_.slots().find(id);
  if (const CheckRecord* record = slot ? checks_.at(*slot) : nullptr)
    schedule_.update(*record, *slot);
}

std::string Projections::snapshot() const {
  std::string out;
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  writer(last_event_at_);
  std::string part;
  auto section = [&](const auto& projection) {
    part.clear();
    projection.snapshot(part);
    writer(part);
  };
  section(checks_);
  section(services_);
  part.clear();
  statistics_.snapshot(part, checks_.slots());
  writer(part);
  section(incidents_);
  section(outbox_);
  section(maintenance_);
  section(silences_);
  return out;
}

Result<void> Projections::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto header = read_snapshot_header(reader, kMagic, kOldestVersion, kVersion);
  if (!header) return fail(std::move(header.error()));
  Timestamp last_event_at;
  reader(last_event_at);
  std::string parts[7];
  const int count = header->version >= 3 ? 7 : header->version == 2 ? 6 : 5;
  for (int part = 0; part < count; ++part)
    reader(parts[part]);
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("projections"));

  Projections restored;
  if (auto r = restored.checks_.restore(parts[0]); !r) return r;
  if (auto r = restored.services_.restore(parts[1]); !r) return r;
  if (auto r = restored.statistics_.restore(parts[2], restored.checks_.slots()); !r) return r;
  if (auto r = restored.incidents_.restore(parts[3]); !r) return r;
  if (auto r = restored.outbox_.restore(parts[4]); !r) return r;
  if (count >= 6) {
    if (auto r = restored.maintenance_.restore(parts[5]); !r) return r;
  }
  if (count >= 7) {
    if (auto r = restored.silences_.restore(parts[6]); !r) return r;
  }
  restored.schedule_.rebuild(restored.checks_);
  restored.checkpoint_ = header->checkpoint;
  restored.last_event_at_ = last_event_at;
  *this = std::move(restored);
  return {};
}

}  // namespace nyxmon::projections

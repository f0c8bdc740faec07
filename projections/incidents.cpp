#include "projections/incidents.hpp"

#include <algorithm>

#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "INCS";
constexpr std::uint16_t kVersion = 1;
}  // namespace

IncidentEffect incident_effect(Status to) {
  if (to == Status::kDown || to == Status::kUnreachable) return IncidentEffect::kOpens;
  if (to == Status::kMaintenance) return IncidentEffect::kKeeps;
  return IncidentEffect::kEnds;
}

void Incidents::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  if (const auto* changed = std::get_if<CheckStatusChanged>(&envelope.event)) {
    const IncidentEffect effect = incident_effect(changed->to);
    // Only checks that have failed get an entry: most never do.
    if (effect == IncidentEffect::kOpens) {
      auto& per_check = checks_[changed->check];
      if (!per_check.open) {
        per_check.open = Incident{changed->check,     envelope.recorded_at, std::nullopt,
                                  changed->cause_run, changed->reason,      envelope.sequence};
      }
      return;
    }
    if (effect == IncidentEffect::kKeeps) return;
    auto it = checks_.find(changed->check);
    if (it == checks_.end()) return;
    auto& per_check = it->second;
    if (per_check.open) {
      Incident closed = *per_check.open;
      closed.ended_at = envelope.recorded_at;
      per_check.open.reset();
      per_check.recent.insert(per_check.recent.begin(), std::move(closed));
      if (per_check.recent.size() > kRecentPerCheck) per_check.recent.pop_back();
    }
  } else if (const auto* removed = std::get_if<CheckRemoved>(&envelope.event)) {
    checks_.erase(removed->check);
  }
}

std::vector<Incident> Incidents::open() const {
  std::vector<Incident> result;
  for (const auto& [id, per_check] : checks_) {
    if (per_check.open) result.push_back(*per_check.open);
  }
  std::sort(result.begin(), result.end(), [](const Incident& a, const Incident& b) {
    return a.started_sequence < b.started_sequence;
  });
  return result;
}

std::vector<Incident> Incidents::of(const CheckId& check) const {
  std::vector<Incident> result;
  auto it = checks_.find(check);
  if (it == checks_.end()) return result;
  if (it->second.open) result.push_back(*it->second.open);
  result.insert(result.end(), it->second.recent.begin(), it->second.recent.end());
  return result;
}

void Incidents::snapshot(std::string& out) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  writer(checks_);
}

Result<void> Incidents::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto checkpoint = read_snapshot_header(reader, kMagic, kVersion);
  if (!checkpoint) return fail(std::move(checkpoint.error()));
  std::map<CheckId, PerCheck> checks;
  reader(checks);
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("incidents"));
  checks_ = std::move(checks);
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections

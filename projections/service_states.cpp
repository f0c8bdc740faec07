#include "projections/service_states.hpp"

#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "SVCS";
constexpr std::uint16_t kVersion = 1;
}  // namespace

void ServiceStates::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  const Event& event = envelope.event;
  const Timestamp at = envelope.recorded_at;
  auto fold_into = [&](const ServiceId& id) {
    auto it = records_.find(id);
    if (it != records_.end()) fold(it->second, event, at);
  };
  if (const auto* defined = std::get_if<ServiceDefined>(&event)) {
    fold(records_[defined->spec.id], event, at);
  } else if (const auto* removed = std::get_if<ServiceRemoved>(&event)) {
    fold_into(removed->service);
  } else if (const auto* changed = std::get_if<ServiceStatusChanged>(&event)) {
    fold_into(changed->service);
  } else if (const auto* check = std::get_if<CheckDefined>(&event)) {
    fold_into(check->spec.service);
  } else if (const auto* redefined = std::get_if<CheckRedefined>(&event)) {
    const ServiceRecord* current = service_of(redefined->spec.id);
    if (current && current->spec.id != redefined->spec.service) fold_into(current->spec.id);
    fold_into(redefined->spec.service);
  } else if (const auto* gone = std::get_if<CheckRemoved>(&event)) {
    if (const ServiceRecord* current = service_of(gone->check)) fold_into(current->spec.id);
  }
}

const ServiceRecord* ServiceStates::service_of(const CheckId& check) const {
  // Services are few; redefinitions and removals of checks are rare.
  for (const auto& [id, record] : records_) {
    if (!record.removed && record.checks.contains(check)) return &record;
  }
  return nullptr;
}

const ServiceRecord* ServiceStates::find(const ServiceId& id) const {
  auto it = records_.find(id);
  return it == records_.end() ? nullptr : &it->second;
}

std::vector<const ServiceRecord*> ServiceStates::all() const {
  std::vector<const ServiceRecord*> out;
  for (const auto& [id, record] : records_)
    out.push_back(&record);
  return out;
}

void ServiceStates::snapshot(std::string& out) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  writer(records_);
}

Result<void> ServiceStates::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto checkpoint = read_snapshot_header(reader, kMagic, kVersion);
  if (!checkpoint) return fail(std::move(checkpoint.error()));
  std::map<ServiceId, ServiceRecord> records;
  reader(records);
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("service states"));
  records_ = std::move(records);
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections

#include "projections/service_states.hpp"

#include "domain/state/event_route.hpp"
#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "SVCS";
constexpr std::uint16_t kVersion = 2;  // 2: depends_on
}  // namespace

void ServiceStates::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  const Event& event = envelope.event;
  const Timestamp at = envelope.recorded_at;
  const EventRoute to = route(event, [&](const CheckId& check) -> const ServiceId* {
    const ServiceRecord* member_of = service_of(check);
    return member_of ? &member_of->spec.id : nullptr;
  });
  auto fold_into = [&](const ServiceId& id) {
    auto it = records_.find(id);
    if (it != records_.end()) fold(it->second, event, at);
  };
  if (to.left_service) fold_into(*to.left_service);
  if (to.service == nullptr) return;
  if (std::holds_alternative<ServiceDefined>(event))
    fold(records_[*to.service], event, at);
  else
    fold_into(*to.service);
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

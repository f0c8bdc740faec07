#include "projections/maintenance_windows.hpp"

#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {
constexpr std::string_view kMagic = "MNTW";
constexpr std::uint16_t kVersion = 1;
}  // namespace

void MaintenanceWindows::apply(const Envelope& envelope) {
  checkpoint_ = envelope.sequence;
  if (const MaintenanceId* window = maintenance_named(envelope.event))
    fold(records_[*window], envelope.event);
}

const MaintenanceRecord* MaintenanceWindows::find(const MaintenanceId& id) const {
  auto it = records_.find(id);
  return it == records_.end() ? nullptr : &it->second;
}

std::vector<const MaintenanceRecord*> MaintenanceWindows::all() const {
  std::vector<const MaintenanceRecord*> out;
  out.reserve(records_.size());
  for (const auto& [id, record] : records_)
    out.push_back(&record);
  return out;
}

void MaintenanceWindows::snapshot(std::string& out) const {
  ByteWriter writer(out);
  write_snapshot_header(writer, kMagic, kVersion, checkpoint_);
  writer(records_);
}

Result<void> MaintenanceWindows::restore(std::string_view bytes) {
  ByteReader reader(bytes);
  auto checkpoint = read_snapshot_header(reader, kMagic, kVersion);
  if (!checkpoint) return fail(std::move(checkpoint.error()));
  std::map<MaintenanceId, MaintenanceRecord> records;
  reader(records);
  if (!reader.ok() || !reader.at_end()) return fail(damaged_snapshot("maintenance windows"));
  records_ = std::move(records);
  checkpoint_ = *checkpoint;
  return {};
}

}  // namespace nyxmon::projections

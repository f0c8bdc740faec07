#include "infrastructure/eventstore/repair.hpp"

#include "domain/events/event.hpp"
#include "domain/model/time_text.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/store_directory.hpp"

namespace nyxmon::infra::eventstore {

namespace fs = std::filesystem;
using domain::Error;
using domain::fail;

namespace {

// Copies the write-ahead log files that hold anything (*.log) into a new
// folder beside them; empty when there were none.
domain::Result<fs::path> copy_write_ahead_log(const fs::path& directory, domain::Timestamp now) {
  std::string stamp = domain::format_timestamp(now);
  std::erase_if(stamp, [](char c) { return c == ':' || c == '-' || c == '.'; });
  const fs::path copy = directory / ("damaged-wal-" + stamp);
  std::error_code error;
  std::size_t copied = 0;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".log" || entry.file_size(error) == 0) continue;
    fs::create_directories(copy, error);
    if (!error) {
      fs::copy_file(entry.path(), copy / entry.path().filename(),
                    fs::copy_options::overwrite_existing, error);
    }
    if (error) break;
    ++copied;
  }
  if (error) {
    return fail(Error::io("cannot keep a copy of the damaged write-ahead log in " + copy.string() +
                          ": " + error.message() + "; nothing was changed"));
  }
  return copied ? copy : fs::path();
}

}  // namespace

domain::Result<RepairReport> repair_store(const fs::path& directory, domain::Timestamp now,
                                          const ProgressCallback& progress) {
  auto kind = inspect_store_directory(directory);
  if (!kind) return fail(std::move(kind.error()));
  if (*kind != StoreDirectory::kStore) {
    return fail(Error::not_found("no nyxmon store at " + directory.string()));
  }
  RepairReport report;
  {
    // Opening as the engine does says what is wrong, and changes nothing
    // when the write-ahead log is damaged.
    auto plain = EventStore::open(directory, {.create_if_missing = false});
    if (!plain) {
      if (plain.error().code != domain::ErrorCode::kCorruption) {
        return fail(std::move(plain.error()));
      }
      report.damage = plain.error().message;
    }
  }
  if (!report.damage.empty()) {
    auto copy = copy_write_ahead_log(directory, now);
    if (!copy) return fail(std::move(copy.error()));
    report.wal_copy = *copy;
  }

  auto store = EventStore::open(directory, {.create_if_missing = false, .salvage = true});
  if (!store) return fail(std::move(store.error()));
  auto damage = (*store)->find_damage(progress);
  if (!damage) return fail(std::move(damage.error()));
  report.intact = damage->intact;
  if (damage->empty()) return report;

  // A range past the last event is a log that ended too early; one between
  // events, a damaged log when the store would not open, else just missing.
  const std::uint64_t last_event = (*store)->read_view().head();
  for (LostRange& range : damage->missing) {
    if (range.first_sequence > last_event)
      range.reason = "the write-ahead log was deleted or cut short";
    else if (!report.damage.empty())
      range.reason = "the write-ahead log was damaged";
    else
      range.reason = "missing from the log";
  }
  const auto& codec = DomainCodec::instance();
  auto recorded = (*store)->record_losses(
      *damage, now, std::string(domain::kEngineStream), [&](const LostRange& range) {
        return codec.encode(
            domain::EventsLost{range.first_sequence, range.last_sequence, range.reason}, now);
      });
  if (!recorded) return fail(std::move(recorded.error()));
  report.recorded_from = recorded->first_event;
  report.lost = std::move(recorded->ranges);
  return report;
}

}  // namespace nyxmon::infra::eventstore

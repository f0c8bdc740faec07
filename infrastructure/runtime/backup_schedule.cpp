#include "infrastructure/runtime/backup_schedule.hpp"

#include <fmt/format.h>

#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

BackupSchedule::BackupSchedule(BackupRunner& runner, std::filesystem::path to,
                               domain::Duration every, std::size_t keep)
    : runner_(runner), to_(std::move(to)), every_(every), keep_(keep) {}

std::optional<domain::Timestamp> BackupSchedule::on_turn(domain::Timestamp now) {
  if (next_ && now < *next_) return next_;
  next_ = now + every_;
  if (running_.exchange(true)) return next_;
  runner_.start(to_, keep_, [this](domain::Result<eventstore::EventStore::Backup> done) {
    if (done) {
      system::log_info(
          fmt::format("backup {} in {}: {} bytes in {} files, events up to {}; {} kept", done->id,
                      to_.string(), done->bytes, done->files, done->sequence, done->kept),
          {{"event", "backup"}, {"backup", std::to_string(done->id)}, {"to", to_.string()}});
    } else {
      system::log_error(fmt::format("backup to {} failed: {}", to_.string(), done.error().message),
                        {{"event", "backup_failed"}, {"to", to_.string()}});
    }
    running_ = false;
  });
  return next_;
}

}  // namespace nyxmon::infra::runtime

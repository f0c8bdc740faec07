// backup_schedule.hpp — engine.backup: {to, every, keep}: a hot backup of
// the store when the engine starts and every `every` after, keeping the
// newest `keep`, taken by the BackupRunner off the core thread and logged
// (info when done, error when it failed). A backup still under way when the
// next is due makes that one wait for the next turn of the schedule.
//
// A CorePart: on_turn runs on the core thread.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>

#include "domain/time.hpp"
#include "infrastructure/runtime/backup_runner.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class BackupSchedule : public CorePart {
 public:
  // `runner` must outlive this.
  BackupSchedule(BackupRunner& runner, std::filesystem::path to, domain::Duration every,
                 std::size_t keep);

  std::optional<domain::Timestamp> on_turn(domain::Timestamp now) override;

 private:
  BackupRunner& runner_;
  std::filesystem::path to_;
  domain::Duration every_;
  std::size_t keep_;
  std::optional<domain::Timestamp> next_;
  std::atomic<bool> running_{false};
};

}  // namespace nyxmon::infra::runtime

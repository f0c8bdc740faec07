// backup.hpp — restoring the hot backups EventStore::back_up makes: the
// newest (or a chosen) backup of a backup directory into a data directory
// that holds no store, ready for `nyxmon run`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace nyxmon::infra::eventstore {

struct BackupListing {
  std::uint32_t id = 0;
  domain::Timestamp taken_at{};
  std::uint64_t sequence = 0;  // as back_up reported it
  std::uint64_t bytes = 0;
};

// The backups in `from`, oldest first. Fails (kNotFound) when it holds none.
domain::Result<std::vector<BackupListing>> list_backups(const std::filesystem::path& from);

// Restores backup `id` (the newest when nullopt) of `from` into `data`,
// which must hold no store (kInvalidArgument otherwise: nothing is
// overwritten). Made with mode 0700. Returns the backup restored.
domain::Result<BackupListing> restore_backup(const std::filesystem::path& from,
                                             const std::filesystem::path& data,
                                             std::optional<std::uint32_t> id);

}  // namespace nyxmon::infra::eventstore

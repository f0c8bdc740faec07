#include "infrastructure/eventstore/backup.hpp"

#include <rocksdb/utilities/backup_engine.h>

#include <charconv>
#include <memory>
#include <string>

#include "infrastructure/eventstore/event_store_state.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/store_directory.hpp"

namespace nyxmon::infra::eventstore {

using domain::Error;
using domain::fail;
using domain::Result;

namespace {

// What a backup says of itself: "nyxmon store backup; sequence N".
constexpr std::string_view kMetadataPrefix = "nyxmon store backup; sequence ";

std::uint64_t sequence_of(const std::string& metadata) {
  if (!metadata.starts_with(kMetadataPrefix)) return 0;
  std::uint64_t sequence = 0;
  const char* first = metadata.data() + kMetadataPrefix.size();
  std::from_chars(first, metadata.data() + metadata.size(), sequence);
  return sequence;
}

BackupListing listing_of(const rocksdb::BackupInfo& info) {
  return BackupListing{info.backup_id, domain::Timestamp(std::chrono::seconds(info.timestamp)),
                       sequence_of(info.app_metadata), info.size};
}

Result<std::unique_ptr<rocksdb::BackupEngineReadOnly>> open_read_only(
    const std::filesystem::path& from) {
  if (!std::filesystem::is_directory(from))
    return fail(Error::not_found("no backups at " + from.string() + " (not a directory)"));
  rocksdb::BackupEngineReadOnly* engine = nullptr;
  auto status = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::Env::Default(), rocksdb::BackupEngineOptions(from.string()), &engine);
  if (!status.ok()) return fail(rocks_error(status, "opening the backups at " + from.string()));
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(engine);
}

}  // namespace

Result<EventStore::Backup> EventStore::back_up(const std::filesystem::path& to,
                                               std::size_t keep) const {
  if (state_->secondary)
    return fail(Error::invalid_argument("a secondary store cannot be backed up"));
  if (keep == 0) return fail(Error::invalid_argument("a backup must keep at least one backup"));
  auto database = state_->database();
  if (!database) return fail(std::move(database.error()));
  std::error_code made;
  std::filesystem::create_directories(to, made);
  if (made) return fail(Error::io("cannot make " + to.string() + ": " + made.message()));
  rocksdb::BackupEngine* opened = nullptr;
  auto status = rocksdb::BackupEngine::Open(rocksdb::BackupEngineOptions(to.string()),
                                            rocksdb::Env::Default(), &opened);
  if (!status.ok()) return fail(rocks_error(status, "opening the backups at " + to.string()));
  std::unique_ptr<rocksdb::BackupEngine> engine(opened);
  // Everything appended before this is in the backup: RocksDB takes its
  // files, write-ahead log included, after this point.
  const std::uint64_t sequence = head();
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = false;
  rocksdb::BackupID id = 0;
  status = engine->CreateNewBackupWithMetadata(
      options, (*database)->db.get(), std::string(kMetadataPrefix) + std::to_string(sequence), &id);
  if (!status.ok()) return fail(rocks_error(status, "backing up to " + to.string()));
  status = engine->PurgeOldBackups(static_cast<std::uint32_t>(keep));
  if (!status.ok()) return fail(rocks_error(status, "removing old backups in " + to.string()));
  rocksdb::BackupInfo info;
  const rocksdb::Status read = engine->GetBackupInfo(id, &info);
  if (!read.ok()) return fail(rocks_error(read, "reading backup " + std::to_string(id)));
  std::vector<rocksdb::BackupInfo> all;
  engine->GetBackupInfo(&all);
  return Backup{id, sequence, info.size, info.number_files, all.size()};
}

Result<std::vector<BackupListing>> list_backups(const std::filesystem::path& from) {
  auto engine = open_read_only(from);
  if (!engine) return fail(std::move(engine.error()));
  std::vector<rocksdb::BackupInfo> infos;
  (*engine)->GetBackupInfo(&infos);
  if (infos.empty()) return fail(Error::not_found("no backups at " + from.string()));
  std::vector<BackupListing> out;
  for (const auto& info : infos)
    out.push_back(listing_of(info));
  return out;
}

Result<BackupListing> restore_backup(const std::filesystem::path& from,
                                     const std::filesystem::path& data,
                                     std::optional<std::uint32_t> id) {
  auto listed = list_backups(from);
  if (!listed) return fail(std::move(listed.error()));
  const BackupListing* chosen = &listed->back();
  if (id) {
    chosen = nullptr;
    for (const auto& backup : *listed)
      if (backup.id == *id) chosen = &backup;
    if (!chosen)
      return fail(Error::not_found("no backup " + std::to_string(*id) + " at " + from.string()));
  }
  auto holds = inspect_store_directory(data);
  if (!holds) return fail(std::move(holds.error()));
  if (*holds == StoreDirectory::kStore) {
    return fail(Error::invalid_argument(data.string() +
                                        " holds a store already; restore into an empty "
                                        "directory (nothing was overwritten)"));
  }
  if (auto prepared = prepare_store_directory(data); !prepared)
    return fail(std::move(prepared.error()));
  // A mark of whatever store was here before would not match this one.
  std::error_code ignored;
  std::filesystem::remove(data / "nyxmon.head", ignored);
  auto engine = open_read_only(from);
  if (!engine) return fail(std::move(engine.error()));
  auto status = (*engine)->RestoreDBFromBackup(rocksdb::RestoreOptions(), chosen->id, data.string(),
                                               data.string());
  if (!status.ok())
    return fail(rocks_error(status, "restoring backup " + std::to_string(chosen->id)));
  return *chosen;
}

}  // namespace nyxmon::infra::eventstore

#include "infrastructure/eventstore/store_directory.hpp"

#include <rocksdb/db.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {

namespace fs = std::filesystem;
using domain::Error;
using domain::fail;

namespace {

// Files RocksDB leaves when a store's creation was cut short while its files
// were being moved in (CURRENT goes last, so none of these mean a store).
bool is_rocksdb_leftover(std::string_view name) {
  return name == "IDENTITY" || name == "LOCK" || name.starts_with("LOG") ||
         name.starts_with("MANIFEST-") || name.starts_with("OPTIONS-") || name.ends_with(".log") ||
         name.ends_with(".sst");
}

}  // namespace

bool is_engine_file(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kEngineFiles = {"nyxmon.sock", "nyxmon.http",
                                                                   "api-token", "nyxmon.head"};
  return std::find(kEngineFiles.begin(), kEngineFiles.end(), name) != kEngineFiles.end() ||
         is_creation_leftover(name);
}

domain::Result<StoreDirectory> inspect_store_directory(const fs::path& directory) {
  std::error_code error;
  if (!fs::exists(directory, error)) return StoreDirectory::kNoStore;
  if (!fs::is_directory(directory, error)) {
    return fail(Error::invalid_argument(directory.string() +
                                        " is not a directory; pass a store directory"));
  }
  if (!fs::exists(directory / "CURRENT", error)) {
    for (const auto& entry : fs::directory_iterator(directory, error)) {
      const std::string name = entry.path().filename().string();
      if (is_engine_file(name) || is_rocksdb_leftover(name)) continue;
      return fail(Error::invalid_argument(
          directory.string() +
          " is not a nyxmon store (it holds other files); "
          "pass an empty or new directory, or the directory of an existing store"));
    }
    if (error) {
      return fail(Error::io("cannot read " + directory.string() + ": " + error.message()));
    }
    return StoreDirectory::kNoStore;
  }
  std::vector<std::string> families;
  auto status =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), directory.string(), &families);
  if (!status.ok()) {
    return fail(rocks_error(status, "opening " + directory.string()));
  }
  for (auto wanted : {kEventsFamily, kStreamsFamily, kMetaFamily}) {
    if (std::find(families.begin(), families.end(), wanted) == families.end()) {
      return fail(Error::invalid_argument(directory.string() +
                                          " is a RocksDB database but not a nyxmon store (no '" +
                                          std::string(wanted) + "' column family)"));
    }
  }
  return StoreDirectory::kStore;
}

domain::Result<void> prepare_store_directory(const fs::path& directory) {
  auto inspected = inspect_store_directory(directory);
  if (!inspected) return fail(std::move(inspected.error()));
  std::error_code error;
  if (fs::exists(directory, error)) return {};
  fs::create_directories(directory.parent_path().empty() ? fs::path(".") : directory.parent_path(),
                         error);
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail(Error::io("cannot create " + directory.string() + ": " + std::strerror(errno)));
  }
  return {};
}

std::optional<std::string> store_privacy_problem(const fs::path& directory) {
  constexpr auto kOpen = fs::perms::group_all | fs::perms::others_all;
  std::error_code error;
  const auto directory_perms = fs::status(directory, error).permissions();
  if (error) return std::nullopt;
  std::size_t open_files = 0;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    std::error_code entry_error;
    const auto status = entry.symlink_status(entry_error);
    if (!entry_error && fs::is_regular_file(status) &&
        (status.permissions() & kOpen) != fs::perms::none)
      ++open_files;
  }
  const bool open_directory = (directory_perms & kOpen) != fs::perms::none;
  if (!open_directory && open_files == 0) return std::nullopt;
  std::string what = directory.string();
  if (open_directory) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(directory_perms) & 0777u);
    what += " (mode " + std::string(mode) + ")";
  }
  if (open_files > 0) {
    what += std::string(open_directory ? " and " : ": ") + std::to_string(open_files) +
            (open_files == 1 ? " file in it" : " files in it");
  }
  const bool plural = open_directory ? open_files > 0 : open_files > 1;
  return what + (plural ? " are" : " is") +
         " open to other users, and a store holds heartbeat tokens, notifier URLs and the "
         "API token; make it private with: chmod -R go= " +
         directory.string();
}

}  // namespace nyxmon::infra::eventstore

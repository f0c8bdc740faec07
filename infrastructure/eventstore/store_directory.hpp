// store_directory.hpp — what a data directory may hold, and how one is made
// ready before the store in it is opened.
//
// Beside RocksDB's files, a data directory holds the engine's own files:
// nyxmon.sock (control socket), nyxmon.http (the HTTP address), api-token and
// nyxmon.head (the store's high-water mark). A directory holding only those
// has no store yet; one holding anything else without a store is foreign, and
// nyxmon never writes into it (a wrong --data must not litter a home
// directory).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace nyxmon::infra::eventstore {

enum class StoreDirectory {
  kNoStore,  // missing, empty, or holding only the engine's own files
  kStore,    // a nyxmon store
};

// Where a store being created is built, inside its directory: the prefix
// of that directory's name, ".creating-<pid>".
inline constexpr std::string_view kCreationPrefix = ".creating-";
// Whether `name` is what an interrupted creation of a store left behind.
inline bool is_creation_leftover(std::string_view name) {
  return name.starts_with(kCreationPrefix);
}

// Whether `name` is one of the engine's own files (not RocksDB's), or the
// leftover of an interrupted creation.
bool is_engine_file(std::string_view name);

// What `directory` holds. Fails with kInvalidArgument for a path that is not
// a directory, a foreign directory, or a RocksDB database that is not a
// nyxmon store.
domain::Result<StoreDirectory> inspect_store_directory(const std::filesystem::path& directory);

// Makes `directory` ready for an engine: creates it (mode 0700, parents as
// needed) when missing; refuses a foreign one as inspect_store_directory does.
domain::Result<void> prepare_store_directory(const std::filesystem::path& directory);

// Why `directory` (a store made ready) is not private, or nullopt when it
// and every file in it are closed to group and others. A store holds heartbeat
// tokens, notifier URLs and the API token, so `nyxmon run` warns with this.
std::optional<std::string> store_privacy_problem(const std::filesystem::path& directory);

}  // namespace nyxmon::infra::eventstore

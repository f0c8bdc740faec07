// store_options.hpp — how an event store is opened.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

namespace rocksdb {
class FileSystem;
}

namespace nyxmon::infra::eventstore {

enum class Durability {
  kSync,   // fsync the write-ahead log for every batch: an acknowledged append survives power loss
  kAsync,  // write the WAL without fsync: survives a process crash, not a power loss
};

struct StoreOptions {
  Durability durability = Durability::kSync;
  // Create an empty store when the directory is missing or empty.
  bool create_if_missing = true;
  // Bytes of RocksDB block cache shared by the store's reads.
  std::size_t block_cache_bytes = std::size_t{64} << 20;
  // For nyxmon repair: recover around damage in the write-ahead log (keeping
  // every intact record after it) and open a store whose log ends before its
  // high-water mark, instead of refusing both.
  bool salvage = false;
  // The file system RocksDB reads and writes through; null: the operating
  // system's. Tests pass one that fails on demand (a full disk).
  std::shared_ptr<rocksdb::FileSystem> file_system;
};

}  // namespace nyxmon::infra::eventstore

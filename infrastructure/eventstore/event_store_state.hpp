// event_store_state.hpp — what an open EventStore holds. Private to the
// event store's sources (event_store.cpp, verify.cpp, losses.cpp).
#pragma once

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/high_water_mark.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/rocksdb_handles.hpp"

namespace nyxmon::infra::eventstore {

struct EventStore::State {
  std::filesystem::path directory;
  bool secondary = false;
  StoreOptions options;
  std::shared_ptr<rocksdb::Cache> cache;
  // Wraps options.file_system, when there is one; outlives the database.
  std::unique_ptr<rocksdb::Env> env;
  rocksdb::WriteOptions write_options;
  // Replaced only by reopen(), on the writer's thread, under handles_mutex;
  // null while a reopen has closed the database and not opened it again.
  // The writer reads it directly; other threads copy it through live().
  std::shared_ptr<const RocksHandles> handles;
  mutable std::mutex handles_mutex;
  std::shared_ptr<const RocksHandles> live() const {
    std::lock_guard lock(handles_mutex);
    return handles;
  }
  // The open database, or kUnavailable while a reopen has it closed.
  domain::Result<std::shared_ptr<const RocksHandles>> database() const {
    auto open = live();
    if (!open) return domain::fail(closed_store_error());
    return open;
  }

  // A stream's head as the writer knows it. `pending` is the version the
  // group being built has advanced it to; it counts only while `group` is
  // the writer's current group number, so a failed group leaves no trace.
  struct StreamHead {
    std::uint64_t committed = 0;
    std::uint64_t pending = 0;
    std::uint64_t group = 0;
  };

  // The writer's view: guarded by write_mutex.
  std::mutex write_mutex;
  std::unordered_map<std::string, StreamHead> stream_heads;  // a cache of known heads
  std::uint64_t group_number = 0;

  // The head, published after each commit; guarded by head_mutex.
  mutable std::mutex head_mutex;
  mutable std::condition_variable head_advanced;
  std::uint64_t head = 0;

  // RocksDB's identity of this store, and (primary only) the high-water
  // mark the writer keeps; guarded by write_mutex.
  std::string identity;
  std::optional<HighWaterMark> mark;

  // The error of a write that failed: RocksDB takes no more writes until
  // the database is opened again. Guarded by write_mutex.
  std::optional<domain::Error> write_failure;

  // Appends `requests` after `extra` has put its own operations in the same
  // batch. The caller holds write_mutex.
  domain::Result<std::vector<AppendResult>> append_locked(
      std::span<const AppendRequest> requests,
      const std::function<void(rocksdb::WriteBatch&)>& extra);
};

}  // namespace nyxmon::infra::eventstore

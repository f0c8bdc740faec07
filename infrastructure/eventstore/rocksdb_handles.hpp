// rocksdb_handles.hpp — the RocksDB database and column-family handles an
// open store reads and writes through. Private to the event store's sources.
#pragma once

#include <rocksdb/db.h>

#include <future>
#include <memory>

namespace nyxmon::infra::eventstore {

struct RocksHandles {
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* default_family = nullptr;

  RocksHandles() = default;
  RocksHandles(const RocksHandles&) = delete;
  RocksHandles& operator=(const RocksHandles&) = delete;
  ~RocksHandles() {
    if (db) {
      for (auto* handle : {events, streams, meta, default_family}) {
        if (handle != nullptr) db->DestroyColumnFamilyHandle(handle);
      }
      db->Close();
      db.reset();
    }
    closing.set_value();
  }

  // Ready once the database is closed, by whichever owner lets go last: a
  // reopen waits for it before it opens the directory again.
  std::promise<void> closing;
  std::shared_future<void> closed = closing.get_future().share();
};

}  // namespace nyxmon::infra::eventstore

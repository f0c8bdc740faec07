// read_view_pinned.hpp — what a ReadView holds on to: the store's RocksDB
// handles and one snapshot. Private to the event store's sources.
#pragma once

#include <rocksdb/db.h>

#include <memory>

#include "infrastructure/eventstore/read_view.hpp"
#include "infrastructure/eventstore/rocksdb_handles.hpp"

namespace nyxmon::infra::eventstore {

struct ReadView::Pinned {
  std::shared_ptr<const RocksHandles> handles;
  const rocksdb::Snapshot* snapshot = nullptr;

  Pinned(std::shared_ptr<const RocksHandles> h, const rocksdb::Snapshot* s)
      : handles(std::move(h)), snapshot(s) {}
  Pinned(const Pinned&) = delete;
  Pinned& operator=(const Pinned&) = delete;
  ~Pinned();

  rocksdb::ReadOptions options() const;
};

}  // namespace nyxmon::infra::eventstore

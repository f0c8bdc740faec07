// rocks_errors.hpp — RocksDB's statuses, and a store closed for a reopen, as
// the project's errors. Private to the event store's sources.
#pragma once

#include <rocksdb/status.h>

#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace nyxmon::infra::eventstore {

// kCorruption for damaged data, kIo for everything else, saying what was
// being done: "reading the log: Corruption: block checksum mismatch".
inline domain::Error rocks_error(const rocksdb::Status& status, std::string_view doing) {
  std::string message = std::string(doing) + ": " + status.ToString();
  if (status.IsCorruption()) return domain::Error::corruption(std::move(message));
  return domain::Error::io(std::move(message));
}

// What reads get while EventStore::reopen has the database closed.
inline domain::Error closed_store_error() {
  return domain::Error::unavailable(
      "the store is being opened again after a failed write; try again in a moment");
}

}  // namespace nyxmon::infra::eventstore

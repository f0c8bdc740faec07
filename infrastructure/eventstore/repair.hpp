// repair.hpp — salvaging a damaged store (nyxmon repair).
//
// Keeps every intact event, and records each range of events that was
// recorded once and is gone — around damage in the write-ahead log, after a
// log that ends before the high-water mark, or a record that fails its
// checksum — as an EventsLost event and a mark in meta. No lost sequence is
// ever used again, verify accepts the recorded gaps, and the engine opens the
// store again. A copy of a damaged write-ahead log is kept beside the store.
//
// Needs the store to itself: fails with kUnavailable while an engine runs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::eventstore {

struct RepairReport {
  std::string damage;               // what opening the store normally said; empty when it opened
  std::filesystem::path wal_copy;   // where the damaged write-ahead log was copied; empty: none
  std::vector<LostRange> lost;      // the losses recorded by this repair
  std::uint64_t recorded_from = 0;  // the sequence of the first EventsLost event; 0: none
  std::uint64_t intact = 0;         // events kept
};

domain::Result<RepairReport> repair_store(const std::filesystem::path& directory,
                                          domain::Timestamp now,
                                          const ProgressCallback& progress = {});

}  // namespace nyxmon::infra::eventstore

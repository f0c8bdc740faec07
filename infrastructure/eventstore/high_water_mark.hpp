// high_water_mark.hpp — the highest sequence a store has ever appended, kept
// in a small file beside it (nyxmon.head), outside RocksDB's write-ahead log.
//
// Why outside: when the write-ahead log is deleted or cut short, RocksDB
// opens the store without a word and the events in it are simply gone; the
// next append would then give their sequences to different events. The mark
// remembers how far the log went, so that opening the store can tell that it
// ends too early and refuse (see EventStore::open and nyxmon repair).
//
// The file holds a magic, the sequence, the store's RocksDB identity (a mark
// of another store, left in a reused directory, is ignored) and a CRC-32C.
// record() rewrites the sequence in place after each append through a shared
// memory mapping (in the page cache at once, so it survives the process being
// killed, at the cost of a few stores rather than a system call); sync()
// makes it durable, which the store does about once a second and when it
// closes. A mark that is behind (lost with power) only weakens the check; it
// is never ahead of the log. A torn or damaged mark fails its checksum and
// counts as none.
//
// Not thread-safe: the store's single writer calls record() and sync().
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "infrastructure/system/owned_descriptor.hpp"

namespace nyxmon::infra::eventstore {

inline constexpr const char* kHighWaterMarkFile = "nyxmon.head";

class HighWaterMark {
 public:
  // The sequence recorded for the store `identity` in `directory`, or
  // nullopt when there is no mark, it is damaged, or it belongs to another
  // store. Reads only.
  static std::optional<std::uint64_t> read(const std::filesystem::path& directory,
                                           const std::string& identity);

  // Opens (creating, mode 0600) the mark of store `identity` for writing.
  static domain::Result<HighWaterMark> open(const std::filesystem::path& directory,
                                            std::string identity);

  HighWaterMark(HighWaterMark&& other) noexcept;
  HighWaterMark& operator=(HighWaterMark&&) = delete;
  ~HighWaterMark();  // syncs

  // Records that events up to `sequence` are in the log.
  void record(std::uint64_t sequence);
  // Makes the last record durable; without `now`, only when a second has
  // passed since the last sync.
  void sync(bool now);

 private:
  HighWaterMark() = default;
  system::OwnedDescriptor file_;
  char* mapped_ = nullptr;  // the file's bytes, shared
  std::string identity_;
  std::uint64_t recorded_ = 0;
  bool unsynced_ = false;
  std::chrono::steady_clock::time_point synced_at_{};
};

}  // namespace nyxmon::infra::eventstore

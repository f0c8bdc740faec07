// event_store.hpp — the append-only event log, kept in RocksDB.
//
// Every decision the engine makes is an event appended here; everything else
// is a projection of this log. Layout: store_format.hpp; record bytes:
// record_codec.hpp.
//
// Writing: one writer. append() and append_all() serialise on an internal
// mutex, check each stream's expected version, assign the next global
// sequences (gapless, from 1) and commit everything in one RocksDB WriteBatch:
// either all of it is in the log afterwards or none of it is. With
// Durability::kSync, an append that returned success has been fsynced.
//
// Reading: read_view() pins a RocksDB snapshot; every read through that view
// sees the log as it was at that instant, however much is appended meanwhile.
// EventStore and ReadView are safe to use from several threads.
//
// Other processes read a running engine's store with open_secondary(), which
// opens RocksDB as a secondary instance; catch_up() brings it up to date.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "infrastructure/eventstore/expected_version.hpp"
#include "infrastructure/eventstore/read_view.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"
#include "infrastructure/eventstore/store_options.hpp"

namespace nyxmon::infra::eventstore {

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<NewEvent> events;
};

struct AppendResult {
  std::string stream;
  std::uint64_t first_sequence = 0;  // 0 when the request held no events
  std::uint64_t last_sequence = 0;
  std::uint64_t stream_version = 0;  // the stream's version after the append
};

struct ProjectionSnapshot {
  std::uint64_t sequence = 0;  // the last global sequence folded into `bytes`
  std::string bytes;
};

// Events that were recorded once and are gone: first..last, both included.
struct LostRange {
  std::uint64_t first_sequence = 0;
  std::uint64_t last_sequence = 0;
  domain::Timestamp recorded_at{};  // when the loss was recorded
  std::string reason;
  std::uint64_t count() const { return last_sequence - first_sequence + 1; }
};

// What a walk of the log finds missing or broken that no recorded loss or
// retention explains (EventStore::find_damage).
struct DamageReport {
  std::vector<LostRange> missing;         // gaps, and a tail short of the high-water mark
  std::vector<std::uint64_t> unreadable;  // records that fail their checksum
  std::uint64_t intact = 0;               // records that read fine
  bool empty() const { return missing.empty() && unreadable.empty(); }
};

struct VerifyProblem {
  std::uint64_t sequence = 0;  // 0 when the problem is not tied to one event
  std::string stream;          // empty when unknown
  std::string what;
};

struct VerifyReport {
  std::uint64_t events_checked = 0;
  std::uint64_t index_entries_checked = 0;
  // Problems of the log in sequence order (the first is the first corrupt or
  // missing record), then problems of the stream index. Capped at
  // kMaxProblems, after which verification stops.
  std::vector<VerifyProblem> problems;
  static constexpr std::size_t kMaxProblems = 100;
  // Losses recorded by nyxmon repair: gaps that are known, not problems.
  std::vector<LostRange> recorded_losses;
  bool ok() const { return problems.empty(); }
};

// Called now and then during long work with (done, total); total may be an
// estimate.
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

class EventStore {
 public:
  // Opens (or, per options.create_if_missing, creates) the store in `directory`.
  // Fails with a clear error for a directory that is not a store, a store of
  // a newer format, or a store locked by another process. Fails with
  // kCorruption, and changes nothing, when the write-ahead log is damaged or
  // ends before the high-water mark (high_water_mark.hpp): events would be
  // lost and their sequences given to others. The message says to run
  // nyxmon repair; options.salvage opens such a store for it.
  static domain::Result<std::unique_ptr<EventStore>> open(const std::filesystem::path& directory,
                                                          const StoreOptions& options = {});

  // Opens the store in `directory` read-only as a RocksDB secondary instance,
  // which works while another process holds it open for writing.
  // `scratch_directory` receives the secondary's own small info log.
  static domain::Result<std::unique_ptr<EventStore>> open_secondary(
      const std::filesystem::path& directory, const std::filesystem::path& scratch_directory);

  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `request.events` to one stream. On a version mismatch returns a
  // kConflict error naming the stream, the expected and the actual version,
  // and writes nothing.
  domain::Result<AppendResult> append(const AppendRequest& request);

  // Appends many requests atomically, in order, in one WriteBatch (group
  // commit). Requests for the same stream chain: the second one's expected
  // version is checked against the first one's result. Any conflict rejects
  // the whole group and writes nothing.
  domain::Result<std::vector<AppendResult>> append_all(std::span<const AppendRequest> requests);

  // The newest global sequence (0 for an empty log). For a secondary, as of
  // the last catch_up().
  std::uint64_t head() const;

  // A consistent view of the log as it is now.
  ReadView read_view() const;

  // Blocks until head() > after_sequence or the timeout passes; returns
  // whether new events exist. Woken by appends in this process.
  bool wait_for(std::uint64_t after_sequence, std::chrono::milliseconds timeout) const;

  // Secondary only: replays the primary's newest writes. Returns the new head.
  // Views taken before see the new events too (a secondary cannot pin
  // snapshots), so do not catch up while another thread reads a view.
  domain::Result<std::uint64_t> catch_up();

  // Stores a projection snapshot taken after folding up to `sequence`.
  domain::Result<void> put_snapshot(std::string_view projection, std::uint64_t sequence,
                                    std::string_view bytes);
  // The newest snapshot of `projection` taken at or before `sequence`.
  domain::Result<std::optional<ProjectionSnapshot>> snapshot_at_or_before(
      std::string_view projection, std::uint64_t sequence) const;

  // Walks the log and the stream index and reports every problem found, up to
  // VerifyReport::kMaxProblems: records that fail their checksum or cannot be
  // parsed, gaps in the global sequence, stream versions out of order, index
  // entries missing or pointing at the wrong record.
  domain::Result<VerifyReport> verify(const ProgressCallback& progress = {}) const;

  // Retention: removes every event with a sequence below `before_sequence`
  // for which `removable` says yes, with its index entries, and records
  // (meta "truncated") that events below it may be missing, with the
  // `horizon` they were removed up to. Leaves gaps in the global sequence and
  // in stream versions below it, which verify() then accepts. Primary only;
  // the caller is the single writer. Returns how many were removed.
  domain::Result<std::uint64_t> remove_before(
      std::uint64_t before_sequence, domain::Timestamp horizon,
      const std::function<bool(const RecordView&)>& removable,
      const ProgressCallback& progress = {});

  struct Truncation {
    std::uint64_t before_sequence = 0;  // 0: nothing was ever removed
    domain::Timestamp horizon{};
  };
  domain::Result<Truncation> truncation() const;

  // A hot backup into the backup directory `to` (made when missing; RocksDB's
  // BackupEngine, so files already backed up there are shared and each
  // backup after the first copies only what is new), keeping the newest
  // `keep` backups there. Appends go on meanwhile: the backup is the log as
  // it stood at one instant, at least up to `sequence`. Primary only.
  struct Backup {
    std::uint32_t id = 0;
    std::uint64_t sequence = 0;  // every event up to this one is in it
    std::uint64_t bytes = 0;     // its files' size, shared ones included
    std::uint32_t files = 0;
    std::size_t kept = 0;  // backups in `to` afterwards
  };
  domain::Result<Backup> back_up(const std::filesystem::path& to, std::size_t keep) const;
  // Flushes memtables to SST files (used before measuring size on disk).
  domain::Result<void> flush();
  // Flushes, then compacts every family down to its last level.
  domain::Result<void> compact();

  // Losses recorded so far, in sequence order.
  domain::Result<std::vector<LostRange>> recorded_losses() const;

  // Walks the whole log: gaps above the retention mark, a log that ends
  // before the high-water mark, and records that fail their checksum, each
  // unless a recorded loss already covers it. Reasons are left empty.
  domain::Result<DamageReport> find_damage(const ProgressCallback& progress = {}) const;

  // Records `damage` as lost, atomically: removes the unreadable records and
  // their index entries, stores each range in meta (with the reason its
  // LostRange gives; unreadable records get their own), and appends one
  // event per range to `stream` (made by `describe`) after every sequence
  // ever used, so that none is used twice. Primary only; the store must not
  // be in use by an engine. Returns the ranges as recorded, in sequence
  // order, and the sequence of the first event appended (0: nothing lost).
  struct RecordedLosses {
    std::vector<LostRange> ranges;
    std::uint64_t first_event = 0;
  };
  domain::Result<RecordedLosses> record_losses(
      const DamageReport& damage, domain::Timestamp now, const std::string& stream,
      const std::function<NewEvent(const LostRange&)>& describe);

  // The high-water mark beside the store (high_water_mark.hpp), or nullopt.
  std::optional<std::uint64_t> high_water_mark() const;

  // After a write fails (the disk is full, an I/O error), RocksDB takes no
  // more writes until the database is opened again, and every write here
  // fails at once with the error that stopped them (no call reaches RocksDB,
  // whose assertions some paths after such an error would trip). Reads go on.
  std::optional<domain::Error> write_failure() const;

  // Closes the database and opens it again, which recovers its write-ahead
  // log and takes writes again once the cause is gone. Waits up to
  // `readers` for readers to let go of their views; reads meanwhile fail
  // with kUnavailable. Fails (and stays closed, for a later attempt) when the
  // database cannot be opened. Primary only; the caller is the writer.
  domain::Result<void> reopen(std::chrono::milliseconds readers = std::chrono::seconds(2));

  bool is_secondary() const;
  const std::filesystem::path& directory() const;

 private:
  struct State;
  explicit EventStore(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace nyxmon::infra::eventstore

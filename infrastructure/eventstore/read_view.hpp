// read_view.hpp — a consistent, read-only view of the event log.
//
// A ReadView pins a RocksDB snapshot: all reads through it see the log as it
// was when the view was taken. Copies share the snapshot, which is released
// when the last copy goes. A view keeps the database open until it goes, so
// drop views before reopening the same directory. A view taken while the
// store is closed for a reopen (EventStore::reopen) is empty: its reads fail
// with kUnavailable. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"

namespace nyxmon::infra::eventstore {

class ReadView {
 public:
  // The newest global sequence in this view (0 when empty).
  std::uint64_t head() const { return head_; }

  // Up to `max_events` events with sequence ≥ `from_sequence`, in order. An
  // empty result means the view holds nothing from there on. A damaged record
  // is an error naming its sequence.
  domain::Result<std::vector<RecordedEvent>> read_forward(std::uint64_t from_sequence,
                                                          std::size_t max_events) const;

  // Calls `visit` for up to `max_events` events with sequence ≥
  // `from_sequence`, in order, without copying them; returns how many it
  // visited. The RecordView is valid only during the call. Stops early when
  // `visit` returns false.
  domain::Result<std::size_t> scan(std::uint64_t from_sequence, std::size_t max_events,
                                   const std::function<bool(const RecordView&)>& visit) const;

  // Up to `max_events` events of `stream` with version ≥ `from_version`, in
  // version order.
  domain::Result<std::vector<RecordedEvent>> read_stream(std::string_view stream,
                                                         std::uint64_t from_version,
                                                         std::size_t max_events) const;

  // The newest `count` events of `stream`, in version order (oldest first).
  domain::Result<std::vector<RecordedEvent>> read_stream_newest(std::string_view stream,
                                                                std::size_t count) const;

  // The version of the newest event of `stream`, 0 if the stream has none.
  std::uint64_t stream_version(std::string_view stream) const;

  struct Pinned;  // the snapshot and the handles it reads through

 private:
  friend class EventStore;
  ReadView(std::shared_ptr<const Pinned> pinned, std::uint64_t head)
      : pinned_(std::move(pinned)), head_(head) {}

  std::shared_ptr<const Pinned> pinned_;
  std::uint64_t head_;
};

}  // namespace nyxmon::infra::eventstore

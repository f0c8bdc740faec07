// EventStore's record of lost events: finding what a damaged log lacks, and
// recording it so that no lost sequence is ever used again (nyxmon repair).
#include <rocksdb/db.h>

#include <algorithm>
#include <unordered_set>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/event_store_state.hpp"
#include "infrastructure/eventstore/lost_ranges.hpp"
#include "infrastructure/eventstore/read_view_pinned.hpp"
#include "infrastructure/eventstore/record_codec.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {

using domain::Error;
using domain::Result;

std::vector<LostRange> unexplained(std::uint64_t first, std::uint64_t last,
                                   std::uint64_t truncated_before,
                                   const std::vector<LostRange>& recorded) {
  std::vector<LostRange> gaps;
  first = std::max(first, truncated_before);
  for (const LostRange& known : recorded) {
    if (first > last) break;
    if (known.last_sequence < first || known.first_sequence > last) continue;
    if (known.first_sequence > first) gaps.push_back({first, known.first_sequence - 1});
    first = known.last_sequence + 1;
  }
  if (first <= last) gaps.push_back({first, last});
  return gaps;
}

Result<std::vector<LostRange>> EventStore::recorded_losses() const {
  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  std::unique_ptr<rocksdb::Iterator> it(
      handles.db->NewIterator(rocksdb::ReadOptions(), handles.meta));
  std::vector<LostRange> losses;
  for (it->Seek(rocksdb::Slice(kLostPrefix.data(), kLostPrefix.size()));
       it->Valid() && it->key().starts_with(rocksdb::Slice(kLostPrefix.data(), kLostPrefix.size()));
       it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    const std::string_view value(it->value().data(), it->value().size());
    if (key.size() != kLostPrefix.size() + 8 || value.size() < 16) {
      return domain::fail(Error::corruption("a record of lost events in meta is malformed"));
    }
    LostRange range;
    range.first_sequence = read_big_endian(key.substr(kLostPrefix.size()));
    range.last_sequence = read_big_endian(value.substr(0, 8));
    range.recorded_at =
        domain::from_unix_nanos(static_cast<std::int64_t>(read_big_endian(value.substr(8, 8))));
    range.reason = std::string(value.substr(16));
    losses.push_back(std::move(range));
  }
  if (!it->status().ok()) return domain::fail(rocks_error(it->status(), "reading lost events"));
  return losses;
}

std::optional<std::uint64_t> EventStore::high_water_mark() const {
  if (state_->identity.empty()) return std::nullopt;
  return HighWaterMark::read(state_->directory, state_->identity);
}

Result<DamageReport> EventStore::find_damage(const ProgressCallback& progress) const {
  // The mark first: on a store an engine is writing to, the log can only
  // have grown past it by the time the walk ends.
  const auto mark = high_water_mark();
  auto truncation = this->truncation();
  if (!truncation) return domain::fail(std::move(truncation.error()));
  auto recorded = recorded_losses();
  if (!recorded) return domain::fail(std::move(recorded.error()));
  const auto add_unexplained = [&](std::uint64_t first, std::uint64_t last,
                                   std::vector<LostRange>& into) {
    for (LostRange& gap : unexplained(first, last, truncation->before_sequence, *recorded))
      into.push_back(std::move(gap));
  };

  DamageReport report;
  const ReadView view = read_view();
  if (!view.pinned_) return domain::fail(closed_store_error());
  const auto& handles = *view.pinned_->handles;
  std::unique_ptr<rocksdb::Iterator> events(
      handles.db->NewIterator(view.pinned_->options(), handles.events));
  std::uint64_t expected = 1, walked = 0;
  for (events->SeekToFirst(); events->Valid(); events->Next()) {
    const auto sequence =
        parse_sequence_key(std::string_view(events->key().data(), events->key().size()));
    if (!sequence) continue;  // not an event key; verify names it
    if (*sequence > expected) add_unexplained(expected, *sequence - 1, report.missing);
    expected = *sequence + 1;
    if (decode_record(*sequence, std::string_view(events->value().data(), events->value().size())))
      ++report.intact;
    else
      report.unreadable.push_back(*sequence);
    if (progress && ++walked % 65536 == 0) progress(*sequence, view.head());
  }
  if (!events->status().ok()) {
    return domain::fail(
        rocks_error(events->status(), "reading the log at event " + std::to_string(expected)));
  }
  if (mark && *mark >= expected) add_unexplained(expected, *mark, report.missing);
  return report;
}

Result<EventStore::RecordedLosses> EventStore::record_losses(
    const DamageReport& damage, domain::Timestamp now, const std::string& stream,
    const std::function<NewEvent(const LostRange&)>& describe) {
  if (state_->secondary) {
    return domain::fail(Error::unavailable("this store is open read-only (secondary)"));
  }
  std::vector<LostRange> ranges;
  for (LostRange range : damage.missing) {
    range.recorded_at = now;
    if (range.reason.empty()) range.reason = "missing from the log";
    ranges.push_back(std::move(range));
  }
  for (std::uint64_t sequence : damage.unreadable) {
    ranges.push_back({sequence, sequence, now, "the stored record failed its checksum"});
  }
  std::sort(ranges.begin(), ranges.end(), [](const LostRange& a, const LostRange& b) {
    return a.first_sequence < b.first_sequence;
  });
  if (ranges.empty()) return RecordedLosses{};

  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  // Index entries of unreadable records cannot be found from the records:
  // look for entries that point at them.
  std::vector<std::string> stale_index;
  if (!damage.unreadable.empty()) {
    const std::unordered_set<std::uint64_t> unreadable(damage.unreadable.begin(),
                                                       damage.unreadable.end());
    std::unique_ptr<rocksdb::Iterator> index(
        handles.db->NewIterator(rocksdb::ReadOptions(), handles.streams));
    for (index->SeekToFirst(); index->Valid(); index->Next()) {
      if (index->value().size() == 8 &&
          unreadable.contains(read_big_endian(std::string_view(index->value().data(), 8)))) {
        stale_index.emplace_back(index->key().data(), index->key().size());
      }
    }
    if (!index->status().ok())
      return domain::fail(rocks_error(index->status(), "reading the stream index"));
  }

  AppendRequest request{stream, ExpectedVersion::any(), {}};
  for (const LostRange& range : ranges)
    request.events.push_back(describe(range));

  std::lock_guard writer(state_->write_mutex);
  {
    // Every lost sequence stays used: the new events go after all of them.
    std::lock_guard lock(state_->head_mutex);
    state_->head = std::max(state_->head, ranges.back().last_sequence);
  }
  state_->stream_heads.clear();  // stream versions are read again from the index
  auto appended = state_->append_locked(
      std::span<const AppendRequest>(&request, 1), [&](rocksdb::WriteBatch& batch) {
        for (const LostRange& range : ranges) {
          std::string value;
          append_big_endian(value, range.last_sequence);
          append_big_endian(value, static_cast<std::uint64_t>(domain::to_unix_nanos(now)));
          value += range.reason;
          batch.Put(handles.meta, lost_key(range.first_sequence), value);
        }
        for (std::uint64_t sequence : damage.unreadable)
          batch.Delete(handles.events, sequence_key(sequence));
        for (const std::string& key : stale_index)
          batch.Delete(handles.streams, key);
      });
  if (!appended) return domain::fail(std::move(appended.error()));
  if (state_->mark) state_->mark->sync(true);
  return RecordedLosses{std::move(ranges), appended->front().first_sequence};
}

}  // namespace nyxmon::infra::eventstore

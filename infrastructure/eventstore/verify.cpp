// EventStore::verify — a full walk of the log and the stream index.
#include <rocksdb/db.h>

#include <algorithm>
#include <unordered_map>

#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/lost_ranges.hpp"
#include "infrastructure/eventstore/read_view_pinned.hpp"
#include "infrastructure/eventstore/record_codec.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {
namespace {

class ProblemList {
 public:
  explicit ProblemList(VerifyReport& report) : report_(report) {}
  void add(std::uint64_t sequence, std::string stream, std::string what) {
    if (!full()) report_.problems.push_back({sequence, std::move(stream), std::move(what)});
  }
  bool full() const { return report_.problems.size() >= VerifyReport::kMaxProblems; }

 private:
  VerifyReport& report_;
};

constexpr std::uint64_t kProgressEvery = 65536;

}  // namespace

domain::Result<VerifyReport> EventStore::verify(const ProgressCallback& progress) const {
  VerifyReport report;
  ProblemList problems(report);
  // Read before the view: an engine writing meanwhile only moves the log on.
  const auto mark = high_water_mark();
  auto losses = recorded_losses();
  if (!losses) return domain::fail(std::move(losses.error()));
  report.recorded_losses = *losses;
  // Whether a recorded loss lies in first..last.
  auto lost_within = [&losses](std::uint64_t first, std::uint64_t last) {
    return std::any_of(losses->begin(), losses->end(), [&](const LostRange& range) {
      return range.first_sequence <= last && range.last_sequence >= first;
    });
  };
  const ReadView view = read_view();
  if (!view.pinned_) return domain::fail(closed_store_error());
  const auto& handles = *view.pinned_->handles;
  const auto options = view.pinned_->options();
  const std::uint64_t head = view.head();

  // Retention may have removed events below this sequence.
  auto truncation = this->truncation();
  if (!truncation) return domain::fail(std::move(truncation.error()));
  const std::uint64_t truncated_before = truncation->before_sequence;

  // Pass 1: every record in sequence order, and its index entry.
  struct StreamHead {
    std::uint64_t version = 0;
    std::uint64_t sequence = 0;
  };
  std::unordered_map<std::string, StreamHead> last_version;
  std::unique_ptr<rocksdb::Iterator> events(handles.db->NewIterator(options, handles.events));
  std::uint64_t expected_sequence = 1;
  std::string index_value;
  for (events->SeekToFirst(); events->Valid() && !problems.full(); events->Next()) {
    const std::string_view key(events->key().data(), events->key().size());
    const auto sequence = parse_sequence_key(key);
    if (!sequence) {
      problems.add(0, "", "a key of " + std::to_string(key.size()) + " bytes in the events family");
      continue;
    }
    const bool removed_before =
        expected_sequence < truncated_before && *sequence <= truncated_before;
    const bool known_lost =
        *sequence > expected_sequence &&
        unexplained(expected_sequence, *sequence - 1, truncated_before, *losses).empty();
    if (*sequence != expected_sequence && !removed_before && !known_lost) {
      problems.add(expected_sequence, "",
                   *sequence > expected_sequence
                       ? "missing: events " + std::to_string(expected_sequence) + " to " +
                             std::to_string(*sequence - 1) + " are not in the log"
                       : "out of order: event " + std::to_string(*sequence) + " after " +
                             std::to_string(expected_sequence - 1));
    }
    expected_sequence = *sequence + 1;
    ++report.events_checked;
    if (progress && report.events_checked % kProgressEvery == 0) progress(*sequence, head);

    auto record =
        decode_record(*sequence, std::string_view(events->value().data(), events->value().size()));
    if (!record) {
      problems.add(*sequence, "", record.error().message);
      continue;
    }
    auto& previous = last_version[record->stream];
    // Versions missing after an event below the retention mark were removed;
    // after a recorded loss, they were lost.
    const bool may_skip = (previous.sequence<truncated_before&& * sequence> previous.sequence) ||
                          lost_within(previous.sequence + 1, *sequence - 1);
    if (record->stream_version != previous.version + 1 &&
        !(may_skip && record->stream_version > previous.version)) {
      problems.add(*sequence, record->stream,
                   "stream version " + std::to_string(record->stream_version) + " follows " +
                       std::to_string(previous.version) + "; versions must count up by one");
    }
    previous = {record->stream_version, *sequence};
    auto status = handles.db->Get(options, handles.streams,
                                  stream_key(record->stream, record->stream_version), &index_value);
    if (status.IsNotFound()) {
      problems.add(
          *sequence, record->stream,
          "index entry for version " + std::to_string(record->stream_version) + " is missing");
    } else if (!status.ok()) {
      problems.add(*sequence, record->stream, "reading its index entry: " + status.ToString());
    } else if (index_value.size() != 8 || read_big_endian(index_value) != *sequence) {
      problems.add(*sequence, record->stream,
                   "index entry for version " + std::to_string(record->stream_version) +
                       " points elsewhere");
    }
  }
  if (!events->status().ok() && !problems.full()) {
    problems.add(expected_sequence, "",
                 "storage reports damage at or after this event: " + events->status().ToString());
  }

  // Pass 2: every index entry points at a record of its own stream and version.
  std::unique_ptr<rocksdb::Iterator> index(handles.db->NewIterator(options, handles.streams));
  std::string value;
  for (index->SeekToFirst(); index->Valid() && !problems.full(); index->Next()) {
    ++report.index_entries_checked;
    const std::string_view key(index->key().data(), index->key().size());
    const auto entry = parse_stream_key(key);
    if (!entry || index->value().size() != 8) {
      problems.add(0, "", "malformed stream index entry");
      continue;
    }
    const std::uint64_t sequence = read_big_endian(std::string_view(index->value().data(), 8));
    const std::string stream(entry->stream);
    auto status = handles.db->Get(options, handles.events, sequence_key(sequence), &value);
    if (status.IsNotFound()) {
      problems.add(sequence, stream,
                   "version " + std::to_string(entry->version) +
                       " is indexed but its event is missing from the log");
      continue;
    }
    if (!status.ok()) {
      problems.add(sequence, stream, "reading the indexed event: " + status.ToString());
      continue;
    }
    auto record = decode_record(sequence, value);
    if (record && (record->stream != stream || record->stream_version != entry->version)) {
      problems.add(sequence, stream,
                   "index entry for version " + std::to_string(entry->version) +
                       " points at an event of " + record->stream + " version " +
                       std::to_string(record->stream_version));
    }
  }
  if (!index->status().ok() && !problems.full()) {
    problems.add(0, "",
                 "storage reports damage in the stream index: " + index->status().ToString());
  }
  if (mark && *mark > head && !problems.full() &&
      !unexplained(head + 1, *mark, truncated_before, *losses).empty()) {
    problems.add(head + 1, "",
                 "the log ends at " + std::to_string(head) + " but events up to " +
                     std::to_string(*mark) +
                     " were recorded (high-water mark): they are lost; nyxmon repair records it");
  }
  if (progress) progress(head, head);
  return report;
}

}  // namespace nyxmon::infra::eventstore

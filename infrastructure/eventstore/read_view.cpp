#include "infrastructure/eventstore/read_view.hpp"

#include <rocksdb/db.h>

#include <limits>

#include "infrastructure/eventstore/read_view_pinned.hpp"
#include "infrastructure/eventstore/record_codec.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {
namespace {

domain::Result<RecordedEvent> decode_at(std::uint64_t sequence, const rocksdb::Slice& value) {
  auto event = decode_record(sequence, std::string_view(value.data(), value.size()));
  if (!event) {
    return domain::fail(domain::Error::corruption("event " + std::to_string(sequence) + ": " +
                                                  event.error().message +
                                                  " (run `nyxmon verify` for a full report)"));
  }
  return event;
}

}  // namespace

rocksdb::ReadOptions ReadView::Pinned::options() const {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  return options;
}

ReadView::Pinned::~Pinned() {
  if (snapshot != nullptr) handles->db->ReleaseSnapshot(snapshot);
}

domain::Result<std::vector<RecordedEvent>> ReadView::read_forward(std::uint64_t from_sequence,
                                                                  std::size_t max_events) const {
  std::vector<RecordedEvent> events;
  if (!pinned_) return domain::fail(closed_store_error());
  if (from_sequence > head_ || max_events == 0) return events;
  events.reserve(std::min<std::uint64_t>(max_events, head_ - from_sequence + 1));
  auto options = pinned_->options();
  const std::string upper = sequence_key(head_ + 1);
  rocksdb::Slice upper_bound(upper);
  options.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(
      pinned_->handles->db->NewIterator(options, pinned_->handles->events));
  for (it->Seek(sequence_key(from_sequence)); it->Valid() && events.size() < max_events;
       it->Next()) {
    const auto sequence = parse_sequence_key(std::string_view(it->key().data(), it->key().size()));
    if (!sequence) {
      return domain::fail(domain::Error::corruption("events family holds a key of " +
                                                    std::to_string(it->key().size()) +
                                                    " bytes; expected 8"));
    }
    auto event = decode_at(*sequence, it->value());
    if (!event) return domain::fail(std::move(event.error()));
    events.push_back(std::move(*event));
  }
  if (!it->status().ok()) return domain::fail(rocks_error(it->status(), "reading the log"));
  return events;
}

domain::Result<std::size_t> ReadView::scan(
    std::uint64_t from_sequence, std::size_t max_events,
    const std::function<bool(const RecordView&)>& visit) const {
  if (!pinned_) return domain::fail(closed_store_error());
  if (from_sequence > head_ || max_events == 0) return std::size_t{0};
  auto options = pinned_->options();
  const std::string upper = sequence_key(head_ + 1);
  rocksdb::Slice upper_bound(upper);
  options.iterate_upper_bound = &upper_bound;
  // Readahead pays for a long scan, up to 2 MiB; a short one (a binary
  // search's probe, a page of events) would fill, and fault in, a buffer
  // far larger than the records it reads, each time.
  constexpr std::size_t kLongScan = 4096, kRecordBytes = 128, kMaxReadahead = 2 << 20;
  options.readahead_size =
      max_events >= kLongScan ? std::min(kMaxReadahead, max_events * kRecordBytes) : 0;
  options.verify_checksums = false;  // each record carries its own CRC-32C
  options.fill_cache = false;        // a scan reads each block once; keep the cache for lookups
  std::unique_ptr<rocksdb::Iterator> it(
      pinned_->handles->db->NewIterator(options, pinned_->handles->events));
  std::size_t visited = 0;
  for (it->Seek(sequence_key(from_sequence)); it->Valid() && visited < max_events; it->Next()) {
    const auto sequence = parse_sequence_key(std::string_view(it->key().data(), it->key().size()));
    if (!sequence) {
      return domain::fail(domain::Error::corruption("events family holds a key of " +
                                                    std::to_string(it->key().size()) +
                                                    " bytes; expected 8"));
    }
    auto view = view_record(*sequence, std::string_view(it->value().data(), it->value().size()));
    if (!view) {
      return domain::fail(domain::Error::corruption("event " + std::to_string(*sequence) + ": " +
                                                    view.error().message +
                                                    " (run `nyxmon verify` for a full report)"));
    }
    ++visited;
    if (!visit(*view)) break;
  }
  if (!it->status().ok()) return domain::fail(rocks_error(it->status(), "reading the log"));
  return visited;
}

domain::Result<std::vector<RecordedEvent>> ReadView::read_stream(std::string_view stream,
                                                                 std::uint64_t from_version,
                                                                 std::size_t max_events) const {
  std::vector<RecordedEvent> events;
  if (!pinned_) return domain::fail(closed_store_error());
  const auto& handles = *pinned_->handles;
  const auto options = pinned_->options();
  const std::string prefix = stream_prefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(handles.db->NewIterator(options, handles.streams));
  std::string value;
  for (it->Seek(stream_key(stream, from_version)); it->Valid() && events.size() < max_events;
       it->Next()) {
    if (!it->key().starts_with(prefix) || it->key().size() != prefix.size() + 8) break;
    if (it->value().size() != 8) {
      return domain::fail(domain::Error::corruption("stream index entry of " + std::string(stream) +
                                                    " has a malformed value"));
    }
    const std::uint64_t sequence = read_big_endian(std::string_view(it->value().data(), 8));
    auto status = handles.db->Get(options, handles.events, sequence_key(sequence), &value);
    if (status.IsNotFound()) {
      return domain::fail(domain::Error::corruption(
          "stream " + std::string(stream) + " indexes event " + std::to_string(sequence) +
          ", which is missing from the log (run `nyxmon verify`)"));
    }
    if (!status.ok())
      return domain::fail(rocks_error(status, "reading stream " + std::string(stream)));
    auto event = decode_at(sequence, value);
    if (!event) return domain::fail(std::move(event.error()));
    events.push_back(std::move(*event));
  }
  if (!it->status().ok())
    return domain::fail(rocks_error(it->status(), "reading the stream index"));
  return events;
}

std::uint64_t ReadView::stream_version(std::string_view stream) const {
  if (!pinned_) return 0;
  const auto& handles = *pinned_->handles;
  std::unique_ptr<rocksdb::Iterator> it(
      handles.db->NewIterator(pinned_->options(), handles.streams));
  const std::string prefix = stream_prefix(stream);
  it->SeekForPrev(stream_key(stream, std::numeric_limits<std::uint64_t>::max()));
  if (!it->Valid() || !it->key().starts_with(prefix) || it->key().size() != prefix.size() + 8) {
    return 0;
  }
  return read_big_endian(std::string_view(it->key().data() + prefix.size(), 8));
}

domain::Result<std::vector<RecordedEvent>> ReadView::read_stream_newest(std::string_view stream,
                                                                        std::size_t count) const {
  const std::uint64_t newest = stream_version(stream);
  if (newest == 0 || count == 0) return std::vector<RecordedEvent>{};
  const std::uint64_t from = newest >= count ? newest - count + 1 : 1;
  return read_stream(stream, from, count);
}

}  // namespace nyxmon::infra::eventstore

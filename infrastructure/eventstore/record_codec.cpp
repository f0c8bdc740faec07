#include "infrastructure/eventstore/record_codec.hpp"

#include <cstring>

#include "infrastructure/eventstore/crc32c.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {
namespace {

constexpr std::size_t kChecksumSize = 4;
constexpr std::size_t kFixedHeaderSize = kChecksumSize + 1 + 2 + 4 + 8 + 8 + 2;

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <class T>
T get(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return value;
}

std::uint32_t checksum(std::uint64_t sequence, std::string_view body) {
  const std::string key = sequence_key(sequence);
  return crc32c(body, crc32c(key));
}

}  // namespace

void encode_record(std::uint64_t sequence, std::string_view stream, std::uint64_t stream_version,
                   const NewEvent& event, std::string& out) {
  const std::size_t start = out.size();
  out.reserve(start + kFixedHeaderSize + stream.size() + event.payload.size());
  put<std::uint32_t>(out, 0);  // checksum, filled in below
  put<std::uint8_t>(out, kRecordLayout);
  put<std::uint16_t>(out, event.schema_version);
  put<std::uint32_t>(out, event.type_tag);
  put<std::int64_t>(out, event.recorded_at_ns);
  put<std::uint64_t>(out, stream_version);
  put<std::uint16_t>(out, static_cast<std::uint16_t>(stream.size()));
  out.append(stream);
  out.append(event.payload);
  const std::uint32_t crc = checksum(sequence, std::string_view(out).substr(start + kChecksumSize));
  std::memcpy(out.data() + start, &crc, sizeof(crc));
}

domain::Result<RecordView> view_record(std::uint64_t sequence, std::string_view value) {
  using domain::Error;
  if (value.size() < kFixedHeaderSize) {
    return domain::fail(Error::corruption("record is truncated: " + std::to_string(value.size()) +
                                          " bytes, shorter than its " +
                                          std::to_string(kFixedHeaderSize) + "-byte header"));
  }
  const char* at = value.data();
  const auto stored_crc = get<std::uint32_t>(at);
  if (stored_crc != checksum(sequence, value.substr(kChecksumSize))) {
    return domain::fail(Error::corruption("checksum mismatch: the record's bytes were altered"));
  }
  at += kChecksumSize;
  const auto layout = get<std::uint8_t>(at);
  if (layout != kRecordLayout) {
    return domain::fail(Error::corruption("unknown record layout " + std::to_string(layout)));
  }
  RecordView view;
  view.sequence = sequence;
  view.schema_version = get<std::uint16_t>(at + 1);
  view.type_tag = get<std::uint32_t>(at + 3);
  view.recorded_at_ns = get<std::int64_t>(at + 7);
  view.stream_version = get<std::uint64_t>(at + 15);
  const auto stream_size = get<std::uint16_t>(at + 23);
  if (kFixedHeaderSize + stream_size > value.size()) {
    return domain::fail(Error::corruption("record is truncated: stream name runs past its end"));
  }
  view.stream = value.substr(kFixedHeaderSize, stream_size);
  view.payload = value.substr(kFixedHeaderSize + stream_size);
  return view;
}

domain::Result<RecordedEvent> decode_record(std::uint64_t sequence, std::string_view value) {
  auto view = view_record(sequence, value);
  if (!view) return domain::fail(std::move(view.error()));
  return RecordedEvent{
      view->sequence,       std::string(view->stream), view->stream_version,      view->type_tag,
      view->schema_version, view->recorded_at_ns,      std::string(view->payload)};
}

}  // namespace nyxmon::infra::eventstore

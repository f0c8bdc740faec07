// record_codec.hpp — the byte layout of one record in the `events` family.
//
//   u32 checksum   CRC-32C of the 8-byte sequence key and everything after it
//   u8  layout     kRecordLayout
//   u16 schema version, u32 type tag, i64 recorded-at, u64 stream version
//   u16 stream name length, stream name bytes
//   payload        (the rest)
// Integers are little-endian. The key is part of the checksum so that a record
// copied under another sequence is detected as well as flipped bytes.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"

namespace nyxmon::infra::eventstore {

inline constexpr std::uint8_t kRecordLayout = 1;

// Appends the encoded record for `event` stored at `sequence` to `out`.
void encode_record(std::uint64_t sequence, std::string_view stream, std::uint64_t stream_version,
                   const NewEvent& event, std::string& out);

// Decodes the record stored under `sequence`. On damage, returns a corruption
// error that says what is wrong (checksum, truncation, unknown layout).
domain::Result<RecordedEvent> decode_record(std::uint64_t sequence, std::string_view value);

// The same without copying: the view borrows `value`.
domain::Result<RecordView> view_record(std::uint64_t sequence, std::string_view value);

}  // namespace nyxmon::infra::eventstore

// store_format.hpp — how the event store lays its data out in RocksDB.
//
// Three column families (DESIGN.md, "Store"):
//   events   big-endian global sequence (8 bytes)        → encoded record
//   streams  stream name, 0x00, big-endian version (8)   → big-endian sequence
//   meta     "format"                                    → format version
//            "snapshot" 0x00 name 0x00 big-endian sequence → projection snapshot
//            "truncated" → big-endian sequence, big-endian horizon (ns): events
//                          below that sequence may have been removed by retention
//            "lost" 0x00 big-endian first sequence → big-endian last sequence,
//                          big-endian recorded-at (ns), reason: events that were
//                          recorded once and are gone (nyxmon repair)
// Big-endian integers make RocksDB's bytewise order the numeric order, so a
// forward scan reads events in sequence order and a stream's index entries in
// version order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::infra::eventstore {

// The on-disk format this build writes. A store with a larger value was
// written by a newer nyxmon and is refused rather than misread.
inline constexpr std::uint32_t kStoreFormatVersion = 1;

inline constexpr std::string_view kEventsFamily = "events";
inline constexpr std::string_view kStreamsFamily = "streams";
inline constexpr std::string_view kMetaFamily = "meta";
inline constexpr std::string_view kFormatKey = "format";
inline constexpr std::string_view kTruncatedKey = "truncated";
inline constexpr std::string_view kLostPrefix = std::string_view("lost\0", 5);

void append_big_endian(std::string& out, std::uint64_t value);
std::uint64_t read_big_endian(std::string_view bytes);  // exactly 8 bytes

std::string sequence_key(std::uint64_t sequence);
// nullopt when the key is not 8 bytes long.
std::optional<std::uint64_t> parse_sequence_key(std::string_view key);

std::string stream_key(std::string_view stream, std::uint64_t version);
// The prefix shared by every index entry of one stream.
std::string stream_prefix(std::string_view stream);
struct StreamKey {
  std::string_view stream;
  std::uint64_t version;
};
// nullopt when the key is not "<name> 0x00 <8 bytes>".
std::optional<StreamKey> parse_stream_key(std::string_view key);

std::string lost_key(std::uint64_t first_sequence);

std::string snapshot_key(std::string_view projection, std::uint64_t sequence);
std::string snapshot_prefix(std::string_view projection);

}  // namespace nyxmon::infra::eventstore

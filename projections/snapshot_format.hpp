// snapshot_format.hpp — the envelope of every projection snapshot:
// a four-byte magic naming the projection, a format version and the
// checkpoint (the last global sequence folded in), then the projection's own
// bytes (domain/serialization). A snapshot of an unknown version or with
// damaged bytes is refused with an error, never half-restored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/serialization/byte_reader.hpp"
#include "domain/serialization/byte_writer.hpp"

namespace nyxmon::projections {

void write_snapshot_header(domain::ByteWriter& writer, std::string_view magic,
                           std::uint16_t version, std::uint64_t checkpoint);

// Reads the header; on success returns the checkpoint.
domain::Result<std::uint64_t> read_snapshot_header(domain::ByteReader& reader,
                                                   std::string_view magic, std::uint16_t version);

struct SnapshotHeader {
  std::uint16_t version = 0;
  std::uint64_t checkpoint = 0;
};
// Reads the header of a projection that still reads the versions from
// `oldest` to `newest`.
domain::Result<SnapshotHeader> read_snapshot_header(domain::ByteReader& reader,
                                                    std::string_view magic, std::uint16_t oldest,
                                                    std::uint16_t newest);

// The error for bytes that did not parse after the header.
domain::Error damaged_snapshot(std::string_view what);

}  // namespace nyxmon::projections

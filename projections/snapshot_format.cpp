#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

void write_snapshot_header(domain::ByteWriter& writer, std::string_view magic,
                           std::uint16_t version, std::uint64_t checkpoint) {
  writer.write_bytes(magic.data(), 4);
  writer(version, checkpoint);
}

domain::Result<SnapshotHeader> read_snapshot_header(domain::ByteReader& reader,
                                                    std::string_view magic, std::uint16_t oldest,
                                                    std::uint16_t newest) {
  char found[4] = {};
  reader.read_bytes(found, 4);
  SnapshotHeader header;
  reader(header.version, header.checkpoint);
  if (!reader.ok() || std::string_view(found, 4) != magic.substr(0, 4)) {
    return domain::fail(domain::Error::corruption("not a " + std::string(magic) + " snapshot"));
  }
  if (header.version < oldest || header.version > newest) {
    return domain::fail(domain::Error::unsupported(
        std::string(magic) + " snapshot version " + std::to_string(header.version) +
        " is not a version this nyxmon reads (" +
        (oldest == newest ? std::to_string(newest)
                          : std::to_string(oldest) + " to " + std::to_string(newest)) +
        "); it will be rebuilt from the log"));
  }
  return header;
}

domain::Result<std::uint64_t> read_snapshot_header(domain::ByteReader& reader,
                                                   std::string_view magic, std::uint16_t version) {
  auto header = read_snapshot_header(reader, magic, version, version);
  if (!header) return domain::fail(std::move(header.error()));
  return header->checkpoint;
}

domain::Error damaged_snapshot(std::string_view what) {
  return domain::Error::corruption(std::string(what) + " snapshot is damaged or truncated");
}

}  // namespace nyxmon::projections

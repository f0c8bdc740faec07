#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

void write_snapshot_header(domain::ByteWriter& writer, std::string_view magic,
                           std::uint16_t version, std::uint64_t checkpoint) {
  writer.write_bytes(magic.data(), 4);
  writer(version, checkpoint);
}

domain::Result<std::uint64_t> read_snapshot_header(domain::ByteReader& reader,
                                                   std::string_view magic, std::uint16_t version) {
  char found[4] = {};
  reader.read_bytes(found, 4);
  std::uint16_t found_version = 0;
  std::uint64_t checkpoint = 0;
  reader(found_version, checkpoint);
  if (!reader.ok() || std::string_view(found, 4) != magic.substr(0, 4)) {
    return domain::fail(domain::Error::corruption("not a " + std::string(magic) + " snapshot"));
  }
  if (found_version != version) {
    return domain::fail(domain::Error::unsupported(
        std::string(magic) + " snapshot version " + std::to_string(found_version) +
        " is not the version this nyxmon reads (" + std::to_string(version) +
        "); it will be rebuilt from the log"));
  }
  return checkpoint;
}

domain::Error damaged_snapshot(std::string_view what) {
  return domain::Error::corruption(std::string(what) + " snapshot is damaged or truncated");
}

}  // namespace nyxmon::projections

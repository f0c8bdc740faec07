// Fuzz target: stored bytes read back — a record as the log keeps it
// (header, stream, checksum) and an event payload by type tag and schema
// version through the registry and its upcasters. Damaged bytes must be an
// error that names the event, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/record_codec.hpp"

// Input: a first byte that picks what the rest is. Even: a stored record,
// after its 8-byte big-endian sequence (the checksum covers the key). Odd: an
// event payload after its 4-byte tag and 2-byte schema version.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon::infra::eventstore;
  if (size < 1) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& codec = DomainCodec::instance();
  if (data[0] % 2 == 0) {
    if (bytes.size() < 8) return 0;
    std::uint64_t sequence = 0;
    for (int i = 0; i < 8; ++i)
      sequence = (sequence << 8) | static_cast<std::uint8_t>(bytes[i]);
    if (auto record = decode_record(sequence, bytes.substr(8))) (void)codec.decode(*record);
    return 0;
  }
  if (bytes.size() < 6) return 0;
  std::uint32_t tag = 0;
  std::uint16_t version = 0;
  std::memcpy(&tag, bytes.data(), 4);
  std::memcpy(&version, bytes.data() + 4, 2);
  (void)codec.decode(RecordView{1, "check-fuzz", 1, tag, version, 0, bytes.substr(6)});
  return 0;
}

#include "infrastructure/eventstore/store_format.hpp"

#include <bit>
#include <cstring>

namespace nyxmon::infra::eventstore {

void append_big_endian(std::string& out, std::uint64_t value) {
  if constexpr (std::endian::native == std::endian::little) value = std::byteswap(value);
  char bytes[sizeof(value)];
  std::memcpy(bytes, &value, sizeof(value));
  out.append(bytes, sizeof(bytes));
}

std::uint64_t read_big_endian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return value;
}

std::string sequence_key(std::uint64_t sequence) {
  std::string key;
  key.reserve(8);
  append_big_endian(key, sequence);
  return key;
}

std::optional<std::uint64_t> parse_sequence_key(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  return read_big_endian(key);
}

std::string stream_prefix(std::string_view stream) {
  std::string prefix(stream);
  prefix.push_back('\0');
  return prefix;
}

std::string stream_key(std::string_view stream, std::uint64_t version) {
  std::string key = stream_prefix(stream);
  append_big_endian(key, version);
  return key;
}

std::optional<StreamKey> parse_stream_key(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return std::nullopt;
  return StreamKey{key.substr(0, key.size() - 9), read_big_endian(key.substr(key.size() - 8))};
}

std::string lost_key(std::uint64_t first_sequence) {
  std::string key(kLostPrefix);
  append_big_endian(key, first_sequence);
  return key;
}

std::string snapshot_prefix(std::string_view projection) {
  std::string prefix = "snapshot";
  prefix.push_back('\0');
  prefix.append(projection);
  prefix.push_back('\0');
  return prefix;
}

std::string snapshot_key(std::string_view projection, std::uint64_t sequence) {
  std::string key = snapshot_prefix(projection);
  append_big_endian(key, sequence);
  return key;
}

}  // namespace nyxmon::infra::eventstore

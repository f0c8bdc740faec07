// bounded_input_archive.hpp — cereal's binary input archive, reading from a
// byte range and refusing any length that the bytes left cannot hold.
//
// Event payloads are read back from disk and from imports. cereal's own
// binary archive trusts every length prefix: a damaged one of 0x7700000004
// resizes a string to half a terabyte before a single byte is read. Here a
// size that exceeds the bytes left (every element takes at least one) is an
// error, so decoding damaged bytes costs no more memory than the bytes do;
// and a bool byte other than 0 or 1 is an error, not undefined behaviour.
// Reads the format cereal::BinaryOutputArchive writes.
#pragma once

#include <cereal/archives/binary.hpp>
#include <cereal/cereal.hpp>

#include <cstring>
#include <string>
#include <string_view>

namespace nyxmon::infra::eventstore {

class BoundedInputArchive
    : public cereal::InputArchive<BoundedInputArchive, cereal::AllowEmptyClassElision> {
 public:
  explicit BoundedInputArchive(std::string_view bytes)
      : cereal::InputArchive<BoundedInputArchive, cereal::AllowEmptyClassElision>(this),
        rest_(bytes) {}

  void load_binary(void* data, std::size_t size) {
    if (size > rest_.size()) [[unlikely]]
      too_few_bytes(size);
    if (size > 0) std::memcpy(data, rest_.data(), size);
    rest_.remove_prefix(size);
  }
  // A number's bytes: a copy of a size known when compiled.
  template <std::size_t Size>
  void load_fixed(void* data) {
    if (Size > rest_.size()) [[unlikely]]
      too_few_bytes(Size);
    std::memcpy(data, rest_.data(), Size);
    rest_.remove_prefix(Size);
  }
  // A container's element count: each element takes at least one byte.
  void check_size(std::uint64_t size) const {
    if (size > rest_.size()) [[unlikely]]
      too_long(size);
  }

 private:
  [[noreturn, gnu::cold, gnu::noinline]] void too_few_bytes(std::size_t size) const {
    throw cereal::Exception("wants " + std::to_string(size) + " bytes, " +
                            std::to_string(rest_.size()) + " are left");
  }
  [[noreturn, gnu::cold, gnu::noinline]] void too_long(std::uint64_t size) const {
    throw cereal::Exception("a length of " + std::to_string(size) + " with " +
                            std::to_string(rest_.size()) + " bytes left");
  }

  std::string_view rest_;
};

template <class T>
inline std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>>
CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, T& value) {
  archive.load_fixed<sizeof(T)>(std::addressof(value));
}

// A bool is one byte, 0 or 1; any other value is damage (and reading it
// into a bool would be undefined behaviour).
inline void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, bool& value) {
  unsigned char byte = 0;
  archive.load_fixed<1>(&byte);
  if (byte > 1) throw cereal::Exception("a bool of " + std::to_string(byte));
  value = byte == 1;
}

template <class T>
inline void CEREAL_SERIALIZE_FUNCTION_NAME(BoundedInputArchive& archive,
                                           cereal::NameValuePair<T>& pair) {
  archive(pair.value);
}

template <class T>
inline void CEREAL_SERIALIZE_FUNCTION_NAME(BoundedInputArchive& archive, cereal::SizeTag<T>& tag) {
  archive(tag.size);
  archive.check_size(static_cast<std::uint64_t>(tag.size));
}

template <class T>
inline void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, cereal::BinaryData<T>& data) {
  archive.load_binary(data.data, static_cast<std::size_t>(data.size));
}

}  // namespace nyxmon::infra::eventstore

// Pairs the archive with the one that writes its format (for cereal's
// checks of minimal and split serialization); the reverse pairing stays
// cereal's own.
namespace cereal::traits::detail {
template <>
struct get_output_from_input<nyxmon::infra::eventstore::BoundedInputArchive> {
  using type = cereal::BinaryOutputArchive;
};
}  // namespace cereal::traits::detail

// byte_reader.hpp — reads what ByteWriter wrote.
//
// Never throws and never reads past the end: on truncated or malformed input
// it stops, zero-fills what is left, and ok() turns false. Check ok() after
// reading a whole snapshot; lengths are bounded by the bytes remaining, so a
// corrupt length cannot make it allocate without limit.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace nyxmon::domain {

class ByteReader {
 public:
  using is_loading = std::true_type;  // as cereal's archives say it
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  bool at_end() const { return position_ == bytes_.size(); }
  std::size_t remaining() const { return bytes_.size() - position_; }

  template <class... T>
  void operator()(T&... values) {
    (read(values), ...);
  }

  bool read_bytes(void* data, std::size_t size) {
    if (!ok_ || size > remaining()) {
      ok_ = false;
      std::memset(data, 0, size);
      return false;
    }
    std::memcpy(data, bytes_.data() + position_, size);
    position_ += size;
    return true;
  }

  template <class T>
  void read(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t byte = 0;
      read_bytes(&byte, 1);
      if (byte > 1) ok_ = false;
      value = byte == 1;
    } else if constexpr (std::is_enum_v<T>) {
      std::underlying_type_t<T> raw{};
      read(raw);
      value = static_cast<T>(raw);
    } else if constexpr (std::is_arithmetic_v<T>) {
      read_bytes(&value, sizeof(T));
    } else {
      read_compound(value);
    }
  }

 private:
  // A length that cannot be right because fewer bytes remain is corruption.
  std::size_t read_size(std::size_t minimum_element_size) {
    std::uint32_t size = 0;
    read(size);
    if (static_cast<std::uint64_t>(size) * minimum_element_size > remaining()) {
      ok_ = false;
      return 0;
    }
    return size;
  }

  void read_compound(std::string& value) {
    const std::size_t size = read_size(1);
    value.assign(bytes_.substr(position_, size));
    position_ += size;
  }
  template <class Rep, class Period>
  void read_compound(std::chrono::duration<Rep, Period>& value) {
    std::int64_t count = 0;
    read(count);
    value = std::chrono::duration<Rep, Period>(static_cast<Rep>(count));
  }
  template <class Clock, class Duration>
  void read_compound(std::chrono::time_point<Clock, Duration>& value) {
    Duration since_epoch{};
    read(since_epoch);
    value = std::chrono::time_point<Clock, Duration>(since_epoch);
  }
  template <class T>
  void read_compound(std::optional<T>& value) {
    bool present = false;
    read(present);
    if (!present) {
      value.reset();
      return;
    }
    T inner{};
    read(inner);
    value = std::move(inner);
  }
  template <class T>
  void read_compound(std::vector<T>& values) {
    const std::size_t size = read_size(1);
    values.clear();
    values.reserve(size);
    for (std::size_t i = 0; i < size && ok_; ++i) {
      T value{};
      read(value);
      values.push_back(std::move(value));
    }
  }
  template <class T, class C>
  void read_compound(std::set<T, C>& values) {
    const std::size_t size = read_size(1);
    values.clear();
    for (std::size_t i = 0; i < size && ok_; ++i) {
      T value{};
      read(value);
      values.insert(values.end(), std::move(value));
    }
  }
  template <class K, class V, class C>
  void read_compound(std::map<K, V, C>& values) {
    const std::size_t size = read_size(2);
    values.clear();
    for (std::size_t i = 0; i < size && ok_; ++i) {
      K key{};
      V value{};
      read(key);
      read(value);
      values.emplace(std::move(key), std::move(value));
    }
  }
  template <class... T>
  void read_compound(std::variant<T...>& value) {
    std::uint32_t index = 0;
    read(index);
    if (index >= sizeof...(T)) {
      ok_ = false;
      return;
    }
    read_alternative<0, T...>(index, value);
  }
  template <std::size_t I, class First, class... Rest, class Variant>
  void read_alternative(std::uint32_t index, Variant& value) {
    if (index == I) {
      First alternative{};
      read(alternative);
      value = std::move(alternative);
    } else if constexpr (sizeof...(Rest) > 0) {
      read_alternative<I + 1, Rest...>(index, value);
    }
  }
  void read_compound(std::monostate&) {}
  template <class T, std::size_t N>
  void read_compound(std::array<T, N>& values) {
    for (auto& value : values)
      read(value);
  }
  template <class A, class B>
  void read_compound(std::pair<A, B>& value) {
    read(value.first);
    read(value.second);
  }
  template <class T>
  void read_compound(T& value) {
    value.serialize(*this);
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
  bool ok_ = true;
};

}  // namespace nyxmon::domain

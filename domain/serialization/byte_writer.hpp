// byte_writer.hpp — a small, deterministic binary archive for projection
// snapshots, with the standard library only.
//
// It speaks the same protocol as the `serialize(Archive&)` members of the
// domain's types (`archive(a, b, c)`), so anything an event carries can also
// go into a snapshot. Integers are little-endian fixed width, lengths are
// u32, optionals and variants carry a one-byte / u32 discriminator. The same
// values always give the same bytes.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace nyxmon::domain {

class ByteWriter {
 public:
  using is_loading = std::false_type;  // as cereal's archives say it
  explicit ByteWriter(std::string& out) : out_(out) {}

  template <class... T>
  void operator()(const T&... values) {
    (write(values), ...);
  }

  void write_bytes(const void* data, std::size_t size) {
    out_.append(static_cast<const char*>(data), size);
  }

  template <class T>
  void write(const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      const std::uint8_t byte = value ? 1 : 0;
      write_bytes(&byte, 1);
    } else if constexpr (std::is_enum_v<T>) {
      write(static_cast<std::underlying_type_t<T>>(value));
    } else if constexpr (std::is_arithmetic_v<T>) {
      write_bytes(&value, sizeof(T));  // little-endian hosts only (x86-64, arm64)
    } else {
      write_compound(value);
    }
  }

 private:
  void write_size(std::size_t size) { write(static_cast<std::uint32_t>(size)); }

  void write_compound(const std::string& value) {
    write_size(value.size());
    write_bytes(value.data(), value.size());
  }
  template <class Rep, class Period>
  void write_compound(const std::chrono::duration<Rep, Period>& value) {
    write(static_cast<std::int64_t>(value.count()));
  }
  template <class Clock, class Duration>
  void write_compound(const std::chrono::time_point<Clock, Duration>& value) {
    write(value.time_since_epoch());
  }
  template <class T>
  void write_compound(const std::optional<T>& value) {
    write(value.has_value());
    if (value) write(*value);
  }
  template <class T>
  void write_compound(const std::vector<T>& values) {
    write_size(values.size());
    for (const auto& value : values)
      write(value);
  }
  template <class T, class C>
  void write_compound(const std::set<T, C>& values) {
    write_size(values.size());
    for (const auto& value : values)
      write(value);
  }
  template <class K, class V, class C>
  void write_compound(const std::map<K, V, C>& values) {
    write_size(values.size());
    for (const auto& [key, value] : values)
      write(key), write(value);
  }
  template <class... T>
  void write_compound(const std::variant<T...>& value) {
    write(static_cast<std::uint32_t>(value.index()));
    std::visit([this](const auto& alternative) { this->write(alternative); }, value);
  }
  void write_compound(const std::monostate&) {}
  template <class T, std::size_t N>
  void write_compound(const std::array<T, N>& values) {
    for (const auto& value : values)
      write(value);
  }
  template <class A, class B>
  void write_compound(const std::pair<A, B>& value) {
    write(value.first);
    write(value.second);
  }
  template <class T>
  void write_compound(const T& value) {
    const_cast<T&>(value).serialize(*this);  // serialize() only reads when writing
  }

  std::string& out_;
};

}  // namespace nyxmon::domain

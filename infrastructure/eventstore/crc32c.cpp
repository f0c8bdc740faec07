#include "infrastructure/eventstore/crc32c.hpp"

#include <array>
#include <cstring>

namespace nyxmon::infra::eventstore {
namespace {

constexpr std::uint32_t kPolynomial = 0x82F63B78;  // Castagnoli, reflected

constexpr std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    table[i] = crc;
  }
  return table;
}

constexpr auto kTable = make_table();

std::uint32_t crc32c_portable(std::string_view bytes, std::uint32_t crc) {
  for (unsigned char byte : bytes)
    crc = kTable[(crc ^ byte) & 0xff] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t crc32c_hardware(std::string_view bytes,
                                                                std::uint32_t crc) {
  const char* at = bytes.data();
  std::size_t left = bytes.size();
  std::uint64_t wide = crc;
  while (left >= 8) {
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    wide = __builtin_ia32_crc32di(wide, word);
    at += 8;
    left -= 8;
  }
  crc = static_cast<std::uint32_t>(wide);
  while (left-- > 0)
    crc = __builtin_ia32_crc32qi(crc, static_cast<unsigned char>(*at++));
  return crc;
}

const bool kHasHardwareCrc = __builtin_cpu_supports("sse4.2");
#endif

}  // namespace

std::uint32_t crc32c(std::string_view bytes, std::uint32_t previous) {
  std::uint32_t crc = ~previous;
#if defined(__x86_64__)
  crc = kHasHardwareCrc ? crc32c_hardware(bytes, crc) : crc32c_portable(bytes, crc);
#else
  crc = crc32c_portable(bytes, crc);
#endif
  return ~crc;
}

}  // namespace nyxmon::infra::eventstore

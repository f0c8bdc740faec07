// crc32c.hpp — CRC-32C (Castagnoli) of a byte range, the checksum each
// stored record carries.
//
// Uses the CPU's crc32 instruction when it has one (SSE 4.2), a table
// otherwise; both give the same value. crc32c(b, crc32c(a)) == crc32c(a + b).
#pragma once

#include <cstdint>
#include <string_view>

namespace nyxmon::infra::eventstore {

std::uint32_t crc32c(std::string_view bytes, std::uint32_t previous = 0);

}  // namespace nyxmon::infra::eventstore

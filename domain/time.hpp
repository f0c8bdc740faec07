// time.hpp — how the domain speaks of time.
//
// Time arrives as a value: the domain and the projections never read a clock.
// Instants are UTC with nanosecond resolution, which is also how events store
// them (nanoseconds since the Unix epoch).
#pragma once

#include <chrono>
#include <cstdint>

namespace nyxmon::domain {

using Duration = std::chrono::nanoseconds;
using Timestamp = std::chrono::sys_time<std::chrono::nanoseconds>;

inline std::int64_t to_unix_nanos(Timestamp t) {
  return t.time_since_epoch().count();
}
inline Timestamp from_unix_nanos(std::int64_t nanos) {
  return Timestamp{Duration{nanos}};
}

}  // namespace nyxmon::domain

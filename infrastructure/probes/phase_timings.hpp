// phase_timings.hpp — where the time of one probe run went, measured on the
// steady clock from the start of the run. A phase that did not happen (no
// TLS, failed before the first byte) stays zero.
#pragma once

#include <chrono>

namespace nyxmon::infra::probes {

struct PhaseTimings {
  std::chrono::nanoseconds resolve{0};
  std::chrono::nanoseconds connect{0};
  std::chrono::nanoseconds tls{0};
  std::chrono::nanoseconds first_byte{0};
  std::chrono::nanoseconds total{0};
};

}  // namespace nyxmon::infra::probes

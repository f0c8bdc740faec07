// system_clock.hpp — the Clock port on the wall clock (UTC).
#pragma once

#include <chrono>

#include "domain/ports/clock.hpp"

namespace nyxmon::infra::runtime {

class SystemClock : public domain::Clock {
 public:
  domain::Timestamp now() const override {
    return std::chrono::time_point_cast<domain::Duration>(std::chrono::system_clock::now());
  }
};

}  // namespace nyxmon::infra::runtime

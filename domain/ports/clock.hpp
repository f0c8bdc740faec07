// clock.hpp — the port time comes through. The core asks it once per batch;
// tests and replays give it fixed or scripted instants.
#pragma once

#include "domain/time.hpp"

namespace nyxmon::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

}  // namespace nyxmon::domain

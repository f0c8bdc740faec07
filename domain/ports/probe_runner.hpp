// probe_runner.hpp — the port that runs probes. start() returns at once; the
// runner later reports the run's result as a RecordResult command into the
// core's inbox, exactly once per start, however the probe ends.
#pragma once

#include <memory>

#include "domain/model/check_spec.hpp"

namespace nyxmon::domain {

class ProbeRunner {
 public:
  virtual ~ProbeRunner() = default;
  virtual void start(std::shared_ptr<const CheckSpec> spec, RunId run, Timestamp due_at) = 0;
  // Abandons every run in flight (shutdown); no results follow.
  virtual void cancel_all() = 0;
};

}  // namespace nyxmon::domain

// metrics_text.hpp — /metrics: an EngineView in the Prometheus text
// exposition format (version 0.0.4). Per check (labels check, service,
// kind): up, status as a state set, consecutive failures, last latency and
// phase timings, certificate expiry, results by outcome; engine figures:
// events appended, batch sizes, probes in flight, scheduling lag.
#pragma once

#include <string>

#include "infrastructure/api/engine_view.hpp"

namespace nyxmon::infra::api {

std::string metrics_text(const EngineView& view);

}  // namespace nyxmon::infra::api
